package com.zerolaghub.verticles.config;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * The API's HTTP listener.
 *
 * @param port              TCP port of the API, health and metrics endpoints (0 picks a free port)
 * @param host              address to bind; 0.0.0.0 listens on every interface
 * @param bodyLimitBytes    largest request body accepted; larger bodies answer 413
 * @param publicUrl         where people reach the portal (links in mails); no trailing slash
 * @param trustForwardedFor take the client address from the last X-Forwarded-For entry (only
 *                          behind a proxy that sets it) instead of the socket's remote address
 * @param headerTimeoutMs   a request's line and headers must arrive within this time from the
 *                          connection's accept or the request's first byte, else the connection
 *                          is closed; 0 switches it off
 * @param idleTimeoutMs     a keep-alive connection with no request in flight is closed after
 *                          this time (WebSockets are not affected); 0 switches it off
 */
public record HttpConfig(int port, String host, long bodyLimitBytes, String publicUrl, boolean trustForwardedFor,
    long headerTimeoutMs, long idleTimeoutMs) {
  public static final int DEFAULT_PORT = 8080;
  public static final String DEFAULT_HOST = "0.0.0.0";
  public static final long DEFAULT_BODY_LIMIT_BYTES = 65_536;
  public static final String DEFAULT_PUBLIC_URL = "http://localhost:8080";
  public static final boolean DEFAULT_TRUST_FORWARDED_FOR = false;
  public static final long DEFAULT_HEADER_TIMEOUT_MS = 5_000;
  public static final long DEFAULT_IDLE_TIMEOUT_MS = 75_000;

  public HttpConfig {
    if (port < 0 || port > 65_535) throw new ConfigException("http.port must be between 0 and 65535, got " + port);
    if (host == null || host.isBlank()) throw new ConfigException("http.host must not be empty");
    if (bodyLimitBytes < 1) throw new ConfigException("http.bodyLimitBytes must be positive, got " + bodyLimitBytes);
    if (headerTimeoutMs < 0) throw new ConfigException("http.headerTimeoutMs must not be negative, got " + headerTimeoutMs);
    if (idleTimeoutMs < 0) throw new ConfigException("http.idleTimeoutMs must not be negative, got " + idleTimeoutMs);
    publicUrl = checkedUrl(publicUrl);
  }

  public HttpConfig(int port, String host, long bodyLimitBytes, String publicUrl, boolean trustForwardedFor) {
    this(port, host, bodyLimitBytes, publicUrl, trustForwardedFor, DEFAULT_HEADER_TIMEOUT_MS, DEFAULT_IDLE_TIMEOUT_MS);
  }

  public HttpConfig(int port, String host, long bodyLimitBytes) {
    this(port, host, bodyLimitBytes, DEFAULT_PUBLIC_URL, DEFAULT_TRUST_FORWARDED_FOR);
  }

  public static HttpConfig defaults() {
    return new HttpConfig(DEFAULT_PORT, DEFAULT_HOST, DEFAULT_BODY_LIMIT_BYTES);
  }

  static HttpConfig from(ConfigSection s) {
    return new HttpConfig(
        s.integer("port", DEFAULT_PORT), s.string("host", DEFAULT_HOST), s.longValue("bodyLimitBytes", DEFAULT_BODY_LIMIT_BYTES),
        s.string("publicUrl", DEFAULT_PUBLIC_URL), s.bool("trustForwardedFor", DEFAULT_TRUST_FORWARDED_FOR),
        s.longValue("headerTimeoutMs", DEFAULT_HEADER_TIMEOUT_MS), s.longValue("idleTimeoutMs", DEFAULT_IDLE_TIMEOUT_MS));
  }

  JsonObject toJson() {
    return new JsonObject().put("port", port).put("host", host).put("bodyLimitBytes", bodyLimitBytes)
        .put("publicUrl", publicUrl).put("trustForwardedFor", trustForwardedFor)
        .put("headerTimeoutMs", headerTimeoutMs).put("idleTimeoutMs", idleTimeoutMs);
  }

  public HttpConfig withPublicUrl(String url) {
    return new HttpConfig(port, host, bodyLimitBytes, url, trustForwardedFor, headerTimeoutMs, idleTimeoutMs);
  }

  public HttpConfig withTrustForwardedFor(boolean trust) {
    return new HttpConfig(port, host, bodyLimitBytes, publicUrl, trust, headerTimeoutMs, idleTimeoutMs);
  }

  public HttpConfig withTimeouts(long headerMs, long idleMs) {
    return new HttpConfig(port, host, bodyLimitBytes, publicUrl, trustForwardedFor, headerMs, idleMs);
  }

  /** True when people reach the portal over https (session cookies are then Secure). */
  public boolean publicTls() {
    return publicUrl.startsWith("https://");
  }

  private static String checkedUrl(String url) {
    String u = url == null ? "" : url.trim();
    while (u.endsWith("/")) u = u.substring(0, u.length() - 1);
    try {
      URI parsed = new URI(u);
      if (("http".equals(parsed.getScheme()) || "https".equals(parsed.getScheme())) && parsed.getHost() != null
          && parsed.getQuery() == null && parsed.getFragment() == null) {
        return u;
      }
    } catch (URISyntaxException e) {
      // answered below
    }
    throw new ConfigException("http.publicUrl (ZLH_HTTP_PUBLIC_URL) must be an http(s) URL without query, got '" + url + "'");
  }
}
