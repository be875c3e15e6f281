package com.zerolaghub.proxy.console;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Limits of one bridged console.
 *
 * @param connectTimeout deadline for the agent's console to answer the upgrade
 * @param heartbeatInterval how often both sides are pinged
 * @param heartbeatTimeout how long a side may go without a pong (or any frame) before the bridge gives up
 * @param idleTimeout how long a console may carry no data either way before it is closed
 * @param maxMessageBytes largest client message (all frames of it); larger closes with 1009
 * @param maxMessagesPerSecond client messages per second on average; more closes with 1008
 * @param burstMessages client messages allowed at once above that rate (a paste, a resize storm)
 * @param allowedOrigins browser origins allowed to open a console with the session cookie (the portal's); empty: none,
 *     only bearer-token clients (see {@link com.zerolaghub.proxy.BrowserOrigins})
 */
public record ConsoleOptions(
    Duration connectTimeout,
    Duration heartbeatInterval,
    Duration heartbeatTimeout,
    Duration idleTimeout,
    int maxMessageBytes,
    int maxMessagesPerSecond,
    int burstMessages,
    Set<String> allowedOrigins) {

  /** Agent connect deadline: 10 s. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** Ping every 20 s. */
  public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(20);
  /** Give up on a side silent for 60 s. */
  public static final Duration DEFAULT_HEARTBEAT_TIMEOUT = Duration.ofSeconds(60);
  /** Close a console that carried nothing for 30 min. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(30);
  /** Client messages up to 32 KiB. */
  public static final int DEFAULT_MAX_MESSAGE_BYTES = 32 * 1024;
  /** 50 client messages per second on average. */
  public static final int DEFAULT_MAX_MESSAGES_PER_SECOND = 50;
  /** 100 client messages at once. */
  public static final int DEFAULT_BURST_MESSAGES = 100;

  public ConsoleOptions {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
    Objects.requireNonNull(heartbeatTimeout, "heartbeatTimeout");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    allowedOrigins = Set.copyOf(allowedOrigins);
    if (connectTimeout.toMillis() < 1 || heartbeatInterval.toMillis() < 1 || heartbeatTimeout.toMillis() < 1
        || idleTimeout.toMillis() < 1) {
      throw new IllegalArgumentException("console timeouts must be positive");
    }
    if (maxMessageBytes < 1 || maxMessagesPerSecond < 1 || burstMessages < 1) {
      throw new IllegalArgumentException("console caps must be positive");
    }
  }

  public static ConsoleOptions defaults() {
    return new ConsoleOptions(DEFAULT_CONNECT_TIMEOUT, DEFAULT_HEARTBEAT_INTERVAL, DEFAULT_HEARTBEAT_TIMEOUT,
        DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_MAX_MESSAGES_PER_SECOND, DEFAULT_BURST_MESSAGES, Set.of());
  }

  public ConsoleOptions withConnectTimeout(Duration connectTimeout) {
    return new ConsoleOptions(connectTimeout, heartbeatInterval, heartbeatTimeout, idleTimeout, maxMessageBytes,
        maxMessagesPerSecond, burstMessages, allowedOrigins);
  }

  public ConsoleOptions withHeartbeat(Duration interval, Duration timeout) {
    return new ConsoleOptions(connectTimeout, interval, timeout, idleTimeout, maxMessageBytes,
        maxMessagesPerSecond, burstMessages, allowedOrigins);
  }

  public ConsoleOptions withIdleTimeout(Duration idleTimeout) {
    return new ConsoleOptions(connectTimeout, heartbeatInterval, heartbeatTimeout, idleTimeout, maxMessageBytes,
        maxMessagesPerSecond, burstMessages, allowedOrigins);
  }

  public ConsoleOptions withMessageCaps(int maxMessageBytes, int maxMessagesPerSecond, int burstMessages) {
    return new ConsoleOptions(connectTimeout, heartbeatInterval, heartbeatTimeout, idleTimeout, maxMessageBytes,
        maxMessagesPerSecond, burstMessages, allowedOrigins);
  }

  public ConsoleOptions withAllowedOrigins(Set<String> allowedOrigins) {
    return new ConsoleOptions(connectTimeout, heartbeatInterval, heartbeatTimeout, idleTimeout, maxMessageBytes,
        maxMessagesPerSecond, burstMessages, allowedOrigins);
  }
}
