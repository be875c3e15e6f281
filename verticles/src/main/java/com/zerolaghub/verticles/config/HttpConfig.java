package com.zerolaghub.verticles.config;

import com.zerolaghub.proxy.BrowserOrigins;
import com.zerolaghub.proxy.SessionCookie;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The API's HTTP listener.
 *
 * @param port              TCP port of the API, health and metrics endpoints (0 picks a free port)
 * @param host              address to bind; 0.0.0.0 listens on every interface
 * @param bodyLimitBytes    largest request body accepted; larger bodies answer 413
 * @param publicUrl         where people reach the portal (links in mails); no trailing slash
 * @param trustForwardedFor take the client address from the last X-Forwarded-For entry (only
 *                          behind a proxy that sets it) instead of the socket's remote address
 * @param allowedOrigins    browser origins, besides publicUrl's, allowed to open cookie-authenticated
 *                          WebSockets; comma-separated {@code scheme://host[:port]}, empty for none
 * @param headerTimeoutMs   a request's line and headers must arrive within this time from the
 *                          connection's accept or the request's first byte, else the connection
 *                          is closed; 0 switches it off
 * @param idleTimeoutMs     a keep-alive connection with no request in flight is closed after
 *                          this time (WebSockets are not affected); 0 switches it off
 * @param drainGraceMs      how long a draining node (SIGTERM, {@code POST /api/admin/node/drain}) keeps
 *                          serving after its readiness turned 503, so the front stops sending it
 *                          requests, before it closes its WebSockets (1012) and its listener
 */
public record HttpConfig(int port, String host, long bodyLimitBytes, String publicUrl, boolean trustForwardedFor,
    String allowedOrigins, long headerTimeoutMs, long idleTimeoutMs, long drainGraceMs) {
  public static final int DEFAULT_PORT = 8080;
  public static final String DEFAULT_HOST = "0.0.0.0";
  public static final long DEFAULT_BODY_LIMIT_BYTES = 65_536;
  public static final String DEFAULT_PUBLIC_URL = "http://localhost:8080";
  public static final boolean DEFAULT_TRUST_FORWARDED_FOR = false;
  public static final String DEFAULT_ALLOWED_ORIGINS = "";
  public static final long DEFAULT_HEADER_TIMEOUT_MS = 5_000;
  public static final long DEFAULT_IDLE_TIMEOUT_MS = 75_000;
  /** Long enough for a front checking readiness every second or two to notice twice. */
  public static final long DEFAULT_DRAIN_GRACE_MS = 5_000;
  /** Beyond this the stop would outlast any sensible TimeoutStopSec. */
  public static final long MAX_DRAIN_GRACE_MS = 120_000;

  public HttpConfig {
    if (port < 0 || port > 65_535) throw new ConfigException("http.port must be between 0 and 65535, got " + port);
    if (host == null || host.isBlank()) throw new ConfigException("http.host must not be empty");
    if (bodyLimitBytes < 1) throw new ConfigException("http.bodyLimitBytes must be positive, got " + bodyLimitBytes);
    if (headerTimeoutMs < 0) throw new ConfigException("http.headerTimeoutMs must not be negative, got " + headerTimeoutMs);
    if (idleTimeoutMs < 0) throw new ConfigException("http.idleTimeoutMs must not be negative, got " + idleTimeoutMs);
    if (drainGraceMs < 0 || drainGraceMs > MAX_DRAIN_GRACE_MS) {
      throw new ConfigException("http.drainGraceMs must be between 0 and " + MAX_DRAIN_GRACE_MS + ", got " + drainGraceMs);
    }
    publicUrl = checkedUrl(publicUrl);
    allowedOrigins = allowedOrigins == null ? "" : allowedOrigins.trim();
    for (String origin : listed(allowedOrigins)) {
      if (!isOrigin(origin)) {
        throw new ConfigException("http.allowedOrigins (ZLH_HTTP_ALLOWED_ORIGINS) takes comma-separated origins such as "
            + "https://panel.example.com (scheme, host, port; no path), got '" + origin + "'");
      }
    }
  }

  public static HttpConfig defaults() {
    return new HttpConfig(DEFAULT_PORT, DEFAULT_HOST, DEFAULT_BODY_LIMIT_BYTES, DEFAULT_PUBLIC_URL, DEFAULT_TRUST_FORWARDED_FOR,
        DEFAULT_ALLOWED_ORIGINS, DEFAULT_HEADER_TIMEOUT_MS, DEFAULT_IDLE_TIMEOUT_MS, DEFAULT_DRAIN_GRACE_MS);
  }

  static HttpConfig from(ConfigSection s) {
    return new HttpConfig(
        s.integer("port", DEFAULT_PORT), s.string("host", DEFAULT_HOST), s.longValue("bodyLimitBytes", DEFAULT_BODY_LIMIT_BYTES),
        s.string("publicUrl", DEFAULT_PUBLIC_URL), s.bool("trustForwardedFor", DEFAULT_TRUST_FORWARDED_FOR),
        s.string("allowedOrigins", DEFAULT_ALLOWED_ORIGINS),
        s.longValue("headerTimeoutMs", DEFAULT_HEADER_TIMEOUT_MS), s.longValue("idleTimeoutMs", DEFAULT_IDLE_TIMEOUT_MS),
        s.longValue("drainGraceMs", DEFAULT_DRAIN_GRACE_MS));
  }

  JsonObject toJson() {
    return new JsonObject().put("port", port).put("host", host).put("bodyLimitBytes", bodyLimitBytes)
        .put("publicUrl", publicUrl).put("trustForwardedFor", trustForwardedFor).put("allowedOrigins", allowedOrigins)
        .put("headerTimeoutMs", headerTimeoutMs).put("idleTimeoutMs", idleTimeoutMs).put("drainGraceMs", drainGraceMs);
  }

  /** The browser origins allowed to open cookie-authenticated WebSockets: publicUrl's, then the listed ones. */
  public Set<String> browserOrigins() {
    Set<String> origins = new LinkedHashSet<>();
    String own = BrowserOrigins.originOf(publicUrl);
    origins.add(own);
    // a laptop's portal is the same server by any loopback name (localhost, 127.0.0.1, [::1])
    if (own.startsWith("http://localhost:") || own.equals("http://localhost")) {
      String port = own.substring("http://localhost".length());
      origins.add("http://127.0.0.1" + port);
      origins.add("http://[::1]" + port);
    }
    listed(allowedOrigins).forEach(o -> origins.add(BrowserOrigins.originOf(o)));
    return origins;
  }

  /** True when people reach the portal over https (session cookies are then Secure). */
  public boolean publicTls() {
    return publicUrl.startsWith("https://");
  }

  /** The session cookie browsers hold: {@code __Host-zlh_session} when publicUrl is https, else {@code zlh_session}. */
  public SessionCookie sessionCookie() {
    return SessionCookie.forTls(publicTls());
  }

  private static boolean isOrigin(String text) {
    try {
      BrowserOrigins.originOf(text);
      URI parsed = new URI(text);
      return (parsed.getRawPath() == null || parsed.getRawPath().isEmpty()) && parsed.getRawQuery() == null
          && parsed.getRawFragment() == null && parsed.getRawUserInfo() == null;
    } catch (IllegalArgumentException | URISyntaxException e) {
      return false;
    }
  }

  private static List<String> listed(String commaSeparated) {
    return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(o -> !o.isEmpty()).toList();
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
    private long bodyLimitBytes;
    private String publicUrl;
    private boolean trustForwardedFor;
    private String allowedOrigins;
    private long headerTimeoutMs;
    private long idleTimeoutMs;
    private long drainGraceMs;

    private Builder(HttpConfig values) {
      port = values.port;
      host = values.host;
      bodyLimitBytes = values.bodyLimitBytes;
      publicUrl = values.publicUrl;
      trustForwardedFor = values.trustForwardedFor;
      allowedOrigins = values.allowedOrigins;
      headerTimeoutMs = values.headerTimeoutMs;
      idleTimeoutMs = values.idleTimeoutMs;
      drainGraceMs = values.drainGraceMs;
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder host(String host) {
      this.host = host;
      return this;
    }

    public Builder bodyLimitBytes(long bodyLimitBytes) {
      this.bodyLimitBytes = bodyLimitBytes;
      return this;
    }

    public Builder publicUrl(String publicUrl) {
      this.publicUrl = publicUrl;
      return this;
    }

    public Builder trustForwardedFor(boolean trustForwardedFor) {
      this.trustForwardedFor = trustForwardedFor;
      return this;
    }

    public Builder allowedOrigins(String allowedOrigins) {
      this.allowedOrigins = allowedOrigins;
      return this;
    }

    public Builder headerTimeoutMs(long headerTimeoutMs) {
      this.headerTimeoutMs = headerTimeoutMs;
      return this;
    }

    public Builder idleTimeoutMs(long idleTimeoutMs) {
      this.idleTimeoutMs = idleTimeoutMs;
      return this;
    }

    public Builder drainGraceMs(long drainGraceMs) {
      this.drainGraceMs = drainGraceMs;
      return this;
    }

    public HttpConfig build() {
      return new HttpConfig(port, host, bodyLimitBytes, publicUrl, trustForwardedFor, allowedOrigins, headerTimeoutMs, idleTimeoutMs, drainGraceMs);
    }
  }
}
