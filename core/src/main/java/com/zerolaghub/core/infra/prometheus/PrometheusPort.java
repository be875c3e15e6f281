package com.zerolaghub.core.infra.prometheus;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** The Prometheus server that scrapes the platform's exporters, asked for instant queries. */
public interface PrometheusPort {

  /** The {@code data} member of the answer to instant query {@code promql}; fails with {@link PrometheusUnavailableException}. */
  Future<JsonObject> instant(String promql);

  /** Closes the connections to Prometheus. */
  void close();
}
