package com.zerolaghub.verticles.config;

import io.vertx.core.json.JsonObject;

/**
 * The reverse proxy for hosted IDEs ({@code dev-<vmid>.<devDomain>}) and the console bridge.
 *
 * @param port         port the dev-host proxy listens on (its own listener, so a node can run it alone)
 * @param host         address the dev-host proxy binds
 * @param devDomain    domain under which dev servers get {@code dev-<vmid>.} hosts
 * @param publicScheme scheme of the IDE URLs handed to browsers ({@code https} behind TLS)
 * @param publicPort   port of those URLs; -1 for the scheme's default, 0 for {@link #port}
 */
public record ProxyConfig(int port, String host, String devDomain, String publicScheme, int publicPort) {
  public static final int DEFAULT_PORT = 8081;
  public static final String DEFAULT_HOST = "0.0.0.0";
  public static final String DEFAULT_DEV_DOMAIN = "localhost";
  public static final String DEFAULT_PUBLIC_SCHEME = "http";
  public static final int DEFAULT_PUBLIC_PORT = 0;

  public static ProxyConfig defaults() {
    return new ProxyConfig(DEFAULT_PORT, DEFAULT_HOST, DEFAULT_DEV_DOMAIN, DEFAULT_PUBLIC_SCHEME, DEFAULT_PUBLIC_PORT);
  }

  static ProxyConfig from(ConfigSection s) {
    return new ProxyConfig(s.integer("port", DEFAULT_PORT), s.string("host", DEFAULT_HOST),
        s.string("devDomain", DEFAULT_DEV_DOMAIN), s.string("publicScheme", DEFAULT_PUBLIC_SCHEME),
        s.integer("publicPort", DEFAULT_PUBLIC_PORT));
  }

  JsonObject toJson() {
    return new JsonObject().put("port", port).put("host", host).put("devDomain", devDomain)
        .put("publicScheme", publicScheme).put("publicPort", publicPort);
  }

  /** A builder holding the defaults. */
  public static Builder builder() {
    return defaults().toBuilder();
  }

  /** A builder holding these values, to change some keys by name. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Sets keys by name (the components above); {@link #build()} checks them as the constructor does. */
  public static final class Builder {
    private int port;
    private String host;
    private String devDomain;
    private String publicScheme;
    private int publicPort;

    private Builder(ProxyConfig values) {
      port = values.port;
      host = values.host;
      devDomain = values.devDomain;
      publicScheme = values.publicScheme;
      publicPort = values.publicPort;
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder host(String host) {
      this.host = host;
      return this;
    }

    public Builder devDomain(String devDomain) {
      this.devDomain = devDomain;
      return this;
    }

    public Builder publicScheme(String publicScheme) {
      this.publicScheme = publicScheme;
      return this;
    }

    public Builder publicPort(int publicPort) {
      this.publicPort = publicPort;
      return this;
    }

    public ProxyConfig build() {
      return new ProxyConfig(port, host, devDomain, publicScheme, publicPort);
    }
  }
}
