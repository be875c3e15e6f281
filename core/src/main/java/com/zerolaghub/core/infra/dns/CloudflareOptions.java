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
 * @param requestBudget calls this adapter sends per 5 minutes at most: Cloudflare allows 1,200 per
 *     user (dashboard and every token together) and then blocks all calls for 5 minutes
 */
public record CloudflareOptions(URI apiBase, String zoneId, String apiToken, Duration requestTimeout, int ttl,
                                int requestBudget) {

  public static final URI DEFAULT_API_BASE = URI.create("https://api.cloudflare.com/client/v4");
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
  public static final int DEFAULT_TTL = 1;
  /** Cloudflare's 1,200 per 5 minutes, less a margin for people using the dashboard meanwhile. */
  public static final int DEFAULT_REQUEST_BUDGET = 1_000;

  public CloudflareOptions {
    Objects.requireNonNull(apiBase, "apiBase");
    Objects.requireNonNull(zoneId, "zoneId");
    Objects.requireNonNull(apiToken, "apiToken");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    if (requestBudget < 1) throw new IllegalArgumentException("requestBudget must be positive");
  }

  public static CloudflareOptions of(String zoneId, String apiToken) {
    return new CloudflareOptions(DEFAULT_API_BASE, zoneId, apiToken, DEFAULT_REQUEST_TIMEOUT, DEFAULT_TTL, DEFAULT_REQUEST_BUDGET);
  }

  public CloudflareOptions withApiBase(URI apiBase) {
    return new CloudflareOptions(apiBase, zoneId, apiToken, requestTimeout, ttl, requestBudget);
  }

  public CloudflareOptions withRequestTimeout(Duration requestTimeout) {
    return new CloudflareOptions(apiBase, zoneId, apiToken, requestTimeout, ttl, requestBudget);
  }

  public CloudflareOptions withRequestBudget(int requestBudget) {
    return new CloudflareOptions(apiBase, zoneId, apiToken, requestTimeout, ttl, requestBudget);
  }

  @Override
  public String toString() {
    return "CloudflareOptions[apiBase=" + apiBase + ", zoneId=" + zoneId + ", apiToken=***, requestTimeout="
        + requestTimeout + ", ttl=" + ttl + ", requestBudget=" + requestBudget + "]";
  }
}
