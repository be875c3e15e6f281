package com.zerolaghub.proxy.ide;

import java.time.Duration;
import java.util.Objects;

/**
 * How the proxy talks to containers' code-server.
 *
 * @param codeServerPort port code-server listens on in every dev container
 * @param connectTimeout deadline to get a connection to a container (a down container answers fast)
 * @param responseTimeout deadline for an upstream silence: no answer to a request or upgrade,
 *     or no data during a response
 * @param maxConnectionsPerBackend pooled HTTP/1.1 connections per container and event loop (each loop has a client of its own)
 * @param maxTunnelsPerBackend WebSocket tunnels open at once per container (each holds a connection)
 * @param trustForwardedHeaders whether a trusted load balancer sits in front: then incoming
 *     {@code X-Forwarded-*} are extended, otherwise replaced
 */
public record UpstreamOptions(
    int codeServerPort,
    Duration connectTimeout,
    Duration responseTimeout,
    int maxConnectionsPerBackend,
    int maxTunnelsPerBackend,
    boolean trustForwardedHeaders) {

  /** code-server's port in dev containers: 6000. */
  public static final int DEFAULT_CODE_SERVER_PORT = 6000;
  /** Connect deadline: 3 s. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(3);
  /** Upstream silence allowed: 60 s. */
  public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(60);
  /** Pooled connections per container and event loop: 32 (a workbench opens a dozen at once). */
  public static final int DEFAULT_MAX_CONNECTIONS_PER_BACKEND = 32;
  /** Tunnels per container: 256 (a workbench window holds two or three). */
  public static final int DEFAULT_MAX_TUNNELS_PER_BACKEND = 256;

  public UpstreamOptions {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(responseTimeout, "responseTimeout");
    if (codeServerPort < 1 || codeServerPort > 65535) {
      throw new IllegalArgumentException("codeServerPort out of range: " + codeServerPort);
    }
    if (connectTimeout.toMillis() < 1 || responseTimeout.toMillis() < 1 || maxConnectionsPerBackend < 1
        || maxTunnelsPerBackend < 1) {
      throw new IllegalArgumentException("timeouts and pool size must be positive");
    }
  }

  public static UpstreamOptions defaults() {
    return new UpstreamOptions(DEFAULT_CODE_SERVER_PORT, DEFAULT_CONNECT_TIMEOUT, DEFAULT_RESPONSE_TIMEOUT,
        DEFAULT_MAX_CONNECTIONS_PER_BACKEND, DEFAULT_MAX_TUNNELS_PER_BACKEND, false);
  }

  public UpstreamOptions withCodeServerPort(int codeServerPort) {
    return new UpstreamOptions(codeServerPort, connectTimeout, responseTimeout, maxConnectionsPerBackend, maxTunnelsPerBackend, trustForwardedHeaders);
  }

  public UpstreamOptions withTimeouts(Duration connectTimeout, Duration responseTimeout) {
    return new UpstreamOptions(codeServerPort, connectTimeout, responseTimeout, maxConnectionsPerBackend, maxTunnelsPerBackend, trustForwardedHeaders);
  }

  public UpstreamOptions withMaxConnectionsPerBackend(int maxConnectionsPerBackend) {
    return new UpstreamOptions(codeServerPort, connectTimeout, responseTimeout, maxConnectionsPerBackend, maxTunnelsPerBackend, trustForwardedHeaders);
  }

  public UpstreamOptions withMaxTunnelsPerBackend(int maxTunnelsPerBackend) {
    return new UpstreamOptions(codeServerPort, connectTimeout, responseTimeout, maxConnectionsPerBackend, maxTunnelsPerBackend, trustForwardedHeaders);
  }

  public UpstreamOptions withTrustForwardedHeaders(boolean trustForwardedHeaders) {
    return new UpstreamOptions(codeServerPort, connectTimeout, responseTimeout, maxConnectionsPerBackend, maxTunnelsPerBackend, trustForwardedHeaders);
  }
}
