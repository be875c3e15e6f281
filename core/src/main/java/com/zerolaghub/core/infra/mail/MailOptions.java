package com.zerolaghub.core.infra.mail;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * The SMTP server the platform's mail leaves through.
 *
 * @param host     SMTP host; empty means no server: nothing is mailed
 * @param port     SMTP port
 * @param tls      {@link #TLS_NONE} (plain), {@link #TLS_STARTTLS} (upgrade, required) or {@link #TLS_IMPLICIT} (usually port 465)
 * @param from     sender address, optionally with a name: {@code ZeroLagHub <no-reply@example.com>}
 * @param username login user; empty sends without logging in
 * @param password login password; never logged
 * @param sendTimeout longest wait for the server to accept one message; past it the send fails
 */
public record MailOptions(String host, int port, String tls, String from, String username, String password,
                          Duration sendTimeout) {
  public static final Duration DEFAULT_SEND_TIMEOUT = Duration.ofSeconds(30);
  public static final String TLS_NONE = "none";
  public static final String TLS_STARTTLS = "starttls";
  public static final String TLS_IMPLICIT = "tls";
  private static final Set<String> TLS_MODES = Set.of(TLS_NONE, TLS_STARTTLS, TLS_IMPLICIT);

  public MailOptions {
    host = host == null ? "" : host.trim();
    username = username == null ? "" : username;
    password = password == null ? "" : password;
    Objects.requireNonNull(from, "from");
    if (!TLS_MODES.contains(tls)) throw new IllegalArgumentException("tls must be none, starttls or tls, got '" + tls + "'");
    Objects.requireNonNull(sendTimeout, "sendTimeout");
  }

  public MailOptions(String host, int port, String tls, String from, String username, String password) {
    this(host, port, tls, from, username, password, DEFAULT_SEND_TIMEOUT);
  }

  /** False when no SMTP host is configured. */
  public boolean enabled() {
    return !host.isEmpty();
  }

  @Override
  public String toString() {
    return "MailOptions[host=" + host + ", port=" + port + ", tls=" + tls + ", from=" + from + ", username=" + username
        + ", password=" + (password.isEmpty() ? "" : "***") + "]";
  }
}
