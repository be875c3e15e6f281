package com.zerolaghub.proxy.console;

import io.vertx.core.json.JsonObject;

/**
 * How a bridged console ends: the last status frame the client gets and the close code that
 * follows it. Every end sends its status first, so no UI waits at "Connecting…".
 */
public enum ConsoleEnd {
  /** Normal end (the agent closed normally, or the client left): {@code closed}, 1000. */
  CLOSED(null, 1000),
  /** The agent could not be reached or refused the upgrade: 1013 (try again later). */
  AGENT_UNREACHABLE("agent_unreachable", 1013),
  /** The agent ended the console with an error: 1011. */
  AGENT_ERROR("agent_error", 1011),
  /** The agent did not answer the upgrade in time, or a side stopped answering pings: 1013. */
  TIMEOUT("timeout", 1013),
  /** Nothing went either way for the idle timeout: 4408. */
  IDLE("idle", 4408),
  /** Billing suspended the server: 4409. */
  SUSPENDED("suspended", 4409),
  /** A client message larger than allowed: {@code throttled}, 1009 (message too big). */
  THROTTLED_SIZE("throttled", 1009),
  /** Client messages faster than allowed: {@code throttled}, 1008 (policy violation). */
  THROTTLED_RATE("throttled", 1008),
  /** The session that opened it ended (logout, password reset, an administrator): 4401. */
  SIGNED_OUT("signed_out", 4401),
  /** The proxy is shutting down: 1001 (going away). */
  SHUTDOWN("shutdown", 1001),
  /** This node drains for a restart: {@code restart}, 1012 (service restart); reconnect, another node serves it. */
  RESTART("restart", 1012);

  private final String reason;
  private final int closeCode;

  ConsoleEnd(String reason, int closeCode) {
    this.reason = reason;
    this.closeCode = closeCode;
  }

  /** Null for a normal end, else the {@code reason} of the {@code error} status. */
  public String reason() {
    return reason;
  }

  public short closeCode() {
    return (short) closeCode;
  }

  /** {@code {"type":"status","state":"closed"}} or {@code {"type":"status","state":"error","reason":…}}. */
  public JsonObject status() {
    return reason == null ? ConsoleStatus.of("closed") : ConsoleStatus.of("error").put("reason", reason);
  }

  /** The close frame's reason text (at most 123 bytes). */
  public String closeReason() {
    return reason == null ? "closed" : reason;
  }
}
