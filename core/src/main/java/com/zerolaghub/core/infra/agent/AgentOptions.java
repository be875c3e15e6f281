package com.zerolaghub.core.infra.agent;

import java.time.Duration;
import java.util.Objects;

/**
 * Deadlines for talking to agents.
 *
 * @param requestTimeout deadline of ordinary calls
 * @param transferTimeout deadline of file reads and uploads
 * @param connectTimeout deadline to open the console WebSocket
 */
public record AgentOptions(Duration requestTimeout, Duration transferTimeout, Duration connectTimeout) {

  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_TRANSFER_TIMEOUT = Duration.ofMinutes(10);
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  public AgentOptions {
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(transferTimeout, "transferTimeout");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
  }

  public static AgentOptions defaults() {
    return new AgentOptions(DEFAULT_REQUEST_TIMEOUT, DEFAULT_TRANSFER_TIMEOUT, DEFAULT_CONNECT_TIMEOUT);
  }

  public AgentOptions withRequestTimeout(Duration requestTimeout) {
    return new AgentOptions(requestTimeout, transferTimeout, connectTimeout);
  }
}
