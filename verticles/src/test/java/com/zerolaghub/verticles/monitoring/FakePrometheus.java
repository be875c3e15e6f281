package com.zerolaghub.verticles.monitoring;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for Prometheus's query API ({@code GET|POST /api/v1/query}) answering in its real
 * JSON shape: {@code {"status":"success","data":{"resultType":"vector","result":[{"metric":{…},
 * "value":[<unix time>,"<value>"]}]}}}. Tests set the samples (by {@code part} label), an error
 * status, or a delay; every received query is kept.
 */
final class FakePrometheus implements AutoCloseable {
  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;
  final List<String> queries = new CopyOnWriteArrayList<>();
  private volatile Map<String, String> samples = Map.of();
  private volatile double evaluatedAt;
  private volatile int status = 200;
  private volatile long delayMs;

  FakePrometheus() throws Exception {
    server = vertx.createHttpServer().requestHandler(req -> {
      if (!req.path().equals("/api/v1/query")) {
        req.response().setStatusCode(404).end();
        return;
      }
      req.setExpectMultipart(true);
      req.endHandler(v -> {
        String query = req.getParam("query") != null ? req.getParam("query") : req.formAttributes().get("query");
        queries.add(query);
        String body = status == 200 ? answer().encode()
            : new JsonObject().put("status", "error").put("errorType", "internal").put("error", "injected").encode();
        Runnable send = () -> req.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
        if (delayMs > 0) vertx.setTimer(delayMs, t -> send.run());
        else send.run();
      });
    }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** Answers these parts (name → value string), evaluated at {@code evaluatedAt} (Unix seconds). */
  FakePrometheus answer(double evaluatedAt, Map<String, String> parts) {
    this.evaluatedAt = evaluatedAt;
    this.samples = new LinkedHashMap<>(parts);
    return this;
  }

  FakePrometheus failWith(int status) {
    this.status = status;
    return this;
  }

  FakePrometheus delay(long ms) {
    this.delayMs = ms;
    return this;
  }

  private JsonObject answer() {
    JsonArray result = new JsonArray();
    List<Map.Entry<String, String>> entries = new ArrayList<>(samples.entrySet());
    for (Map.Entry<String, String> e : entries) {
      result.add(new JsonObject()
          .put("metric", new JsonObject().put(ServerCardQuery.PART, e.getKey()))
          .put("value", new JsonArray().add(evaluatedAt).add(e.getValue())));
    }
    return new JsonObject().put("status", "success")
        .put("data", new JsonObject().put("resultType", "vector").put("result", result));
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
