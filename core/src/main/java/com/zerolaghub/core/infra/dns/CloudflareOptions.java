package com.zerolaghub.core.infra.dns;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Cloudflare API v4 access to one zone.
 *
 * @param apiBase {@code https://api.cloudflare.com/client/v4} in production
 * @param zoneId the zone's identifier (32 hex characters)
 * @param apiToken API token with DNS Write on the zone; never logged
 * @param requestTimeout deadline of each HTTP call
 * @param ttl record TTL in seconds; 1 means "automatic"
 */
public record CloudflareOptions(URI apiBase, String zoneId, String apiToken, Duration requestTimeout, int ttl) {

  public static final URI DEFAULT_API_BASE = URI.create("https://api.cloudflare.com/client/v4");
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
  public static final int DEFAULT_TTL = 1;

  public CloudflareOptions {
    Objects.requireNonNull(apiBase, "apiBase");
    Objects.requireNonNull(zoneId, "zoneId");
    Objects.requireNonNull(apiToken, "apiToken");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
  }

  public static CloudflareOptions of(String zoneId, String apiToken) {
    return new CloudflareOptions(DEFAULT_API_BASE, zoneId, apiToken, DEFAULT_REQUEST_TIMEOUT, DEFAULT_TTL);
  }

  public CloudflareOptions withApiBase(URI apiBase) {
    return new CloudflareOptions(apiBase, zoneId, apiToken, requestTimeout, ttl);
  }

  public CloudflareOptions withRequestTimeout(Duration requestTimeout) {
    return new CloudflareOptions(apiBase, zoneId, apiToken, requestTimeout, ttl);
  }

  @Override
  public String toString() {
    return "CloudflareOptions[apiBase=" + apiBase + ", zoneId=" + zoneId + ", apiToken=***, requestTimeout="
        + requestTimeout + ", ttl=" + ttl + "]";
  }
}
