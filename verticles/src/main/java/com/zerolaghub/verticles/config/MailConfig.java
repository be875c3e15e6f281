package com.zerolaghub.verticles.config;

import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * The SMTP server that sends the platform's mail (password resets, notifications).
 *
 * @param host     SMTP host; empty sends no mail (what would be sent is dropped with a warning)
 * @param port     SMTP port
 * @param tls      none (plain), starttls (upgrade, required) or tls (implicit TLS, usually port 465)
 * @param from     sender address, optionally with a name: {@code ZeroLagHub <no-reply@example.com>}
 * @param username login user; empty sends without logging in
 * @param password login password (never logged)
 * @param sendTimeoutMs longest wait for one message to be accepted by the SMTP server; past it the send
 *     counts as failed and is retried, so a server that never answers cannot hold a notification forever
 */
public record MailConfig(String host, int port, String tls, String from, String username, String password,
                         int sendTimeoutMs) {
  public static final String DEFAULT_HOST = "";
  public static final int DEFAULT_PORT = 587;
  public static final String TLS_NONE = "none";
  public static final String TLS_STARTTLS = "starttls";
  public static final String TLS_IMPLICIT = "tls";
  public static final String DEFAULT_TLS = TLS_STARTTLS;
  public static final String DEFAULT_FROM = "ZeroLagHub <no-reply@zerolaghub.com>";
  public static final int DEFAULT_SEND_TIMEOUT_MS = 30_000;
  private static final Set<String> TLS_MODES = Set.of(TLS_NONE, TLS_STARTTLS, TLS_IMPLICIT);

  public MailConfig {
    host = host == null ? "" : host.trim();
    username = username == null ? "" : username;
    password = password == null ? "" : password;
    if (port < 1 || port > 65_535) throw new ConfigException("mail.port must be between 1 and 65535, got " + port);
    if (!TLS_MODES.contains(tls)) {
      throw new ConfigException("mail.tls (ZLH_MAIL_TLS) must be none, starttls or tls, got '" + tls + "'");
    }
    if (from == null || !from.contains("@")) throw new ConfigException("mail.from must be an email address, got '" + from + "'");
    if (sendTimeoutMs < 1) throw new ConfigException("mail.sendTimeoutMs must be positive, got " + sendTimeoutMs);
  }

  public static MailConfig defaults() {
    return new MailConfig(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_TLS, DEFAULT_FROM, "", "", DEFAULT_SEND_TIMEOUT_MS);
  }

  static MailConfig from(ConfigSection s) {
    return new MailConfig(s.string("host", DEFAULT_HOST), s.integer("port", DEFAULT_PORT), s.string("tls", DEFAULT_TLS),
        s.string("from", DEFAULT_FROM), s.string("username", ""), s.string("password", ""),
        s.integer("sendTimeoutMs", DEFAULT_SEND_TIMEOUT_MS));
  }

  JsonObject toJson() {
    return new JsonObject().put("host", host).put("port", port).put("tls", tls).put("from", from)
        .put("username", username).put("password", password).put("sendTimeoutMs", sendTimeoutMs);
  }

  /** False when no SMTP host is configured: nothing is mailed. */
  public boolean enabled() {
    return !host.isEmpty();
  }

  @Override
  public String toString() {
    return "MailConfig[host=" + host + ", port=" + port + ", tls=" + tls + ", from=" + from + ", username=" + username
        + ", password=" + (password.isEmpty() ? "" : "***") + "]";
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
    private String host;
    private int port;
    private String tls;
    private String from;
    private String username;
    private String password;
    private int sendTimeoutMs;

    private Builder(MailConfig values) {
      host = values.host;
      port = values.port;
      tls = values.tls;
      from = values.from;
      username = values.username;
      password = values.password;
      sendTimeoutMs = values.sendTimeoutMs;
    }

    public Builder host(String host) {
      this.host = host;
      return this;
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder tls(String tls) {
      this.tls = tls;
      return this;
    }

    public Builder from(String from) {
      this.from = from;
      return this;
    }

    public Builder username(String username) {
      this.username = username;
      return this;
    }

    public Builder password(String password) {
      this.password = password;
      return this;
    }

    public Builder sendTimeoutMs(int sendTimeoutMs) {
      this.sendTimeoutMs = sendTimeoutMs;
      return this;
    }

    public MailConfig build() {
      return new MailConfig(host, port, tls, from, username, password, sendTimeoutMs);
    }
  }
}
