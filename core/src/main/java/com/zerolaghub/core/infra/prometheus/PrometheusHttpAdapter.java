package com.zerolaghub.core.infra.prometheus;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.concurrent.TimeUnit;

/**
 * {@link PrometheusPort} over Prometheus's HTTP query API: {@code POST /api/v1/query}
 * (form-encoded, so long queries fit). Every way it can fail — refused, timed out, an error
 * status, an answer that is not a successful query result — ends in a
 * {@link PrometheusUnavailableException}.
 */
public final class PrometheusHttpAdapter implements PrometheusPort {
  private final WebClient client;
  private final String queryUrl;
  private final long timeoutMs;

  public PrometheusHttpAdapter(Vertx vertx, PrometheusOptions options) {
    this.client = WebClient.create(vertx, new WebClientOptions().setName("prometheus")
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, options.timeoutMs())));
    this.queryUrl = options.baseUrl().replaceAll("/+$", "") + "/api/v1/query";
    this.timeoutMs = options.timeoutMs();
  }

  @Override
  public Future<JsonObject> instant(String promql) {
    return client.postAbs(queryUrl)
        .timeout(timeoutMs)
        .putHeader("Accept", "application/json")
        .sendForm(MultiMap.caseInsensitiveMultiMap().add("query", promql))
        .timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .recover(err -> Future.failedFuture(new PrometheusUnavailableException(
            "Prometheus did not answer within " + timeoutMs + " ms: " + err.getMessage(), err)))
        .compose(this::data);
  }

  @Override
  public void close() {
    client.close();
  }

  private Future<JsonObject> data(HttpResponse<Buffer> response) {
    JsonObject body;
    try {
      body = response.bodyAsJsonObject();
    } catch (RuntimeException e) {
      body = null;
    }
    if (body == null || response.statusCode() != 200 || !"success".equals(body.getString("status"))) {
      String error = body == null ? "body is not JSON" : body.getString("errorType", "") + " " + body.getString("error", "");
      return Future.failedFuture(new PrometheusUnavailableException(
          "Prometheus answered " + response.statusCode() + ": " + error.strip(), null));
    }
    JsonObject data = body.getJsonObject("data");
    if (data == null) return Future.failedFuture(new PrometheusUnavailableException("Prometheus answered without data", null));
    return Future.succeededFuture(data);
  }
}
