package com.zerolaghub.core.infra.prometheus;

import java.util.Objects;

/**
 * Where Prometheus answers queries.
 *
 * @param baseUrl   Prometheus's base URL, e.g. {@code http://127.0.0.1:9090} (a trailing slash is fine)
 * @param timeoutMs deadline of connecting and of each query
 */
public record PrometheusOptions(String baseUrl, long timeoutMs) {
  public PrometheusOptions {
    Objects.requireNonNull(baseUrl, "baseUrl");
    if (timeoutMs <= 0) throw new IllegalArgumentException("timeoutMs must be positive, got " + timeoutMs);
  }
}
