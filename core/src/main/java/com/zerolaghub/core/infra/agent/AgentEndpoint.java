package com.zerolaghub.core.infra.agent;

import java.util.Objects;

/**
 * Where one container's agent listens and the bearer token it takes. The token is internal: never
 * logged, never sent to a browser; {@link #toString()} hides it.
 */
public record AgentEndpoint(String host, int port, String token) {

  /** Agent port unless configured otherwise. */
  public static final int DEFAULT_PORT = 18888;

  public AgentEndpoint {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(token, "token");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  public static AgentEndpoint of(String host, String token) {
    return new AgentEndpoint(host, DEFAULT_PORT, token);
  }

  public AgentEndpoint withToken(String token) {
    return new AgentEndpoint(host, port, token);
  }

  @Override
  public String toString() {
    return "AgentEndpoint[" + host + ":" + port + ", token=***]";
  }
}
