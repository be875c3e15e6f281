package com.zerolaghub.proxy.testing;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in code-server: answers every HTTP request with what it received as JSON (method,
 * URI, headers, body length), streams {@code /echo-body} back as it arrives, sets cookies on
 * {@code /set-cookie} and {@code /set-lookalike-cookies}, and echoes WebSocket messages. Like code-server it refuses (403) a
 * WebSocket upgrade whose {@code Origin} host differs from its {@code Host}.
 */
public final class EchoBackend {
  private final Vertx vertx;
  private final List<JsonObject> seen = new CopyOnWriteArrayList<>();
  private HttpServer server;

  public EchoBackend(Vertx vertx) {
    this.vertx = vertx;
  }

  public Future<Integer> start(String host, int port) {
    return vertx.createHttpServer()
        .requestHandler(this::handle)
        .listen(port, host)
        .map(s -> {
          server = s;
          return s.actualPort();
        });
  }

  public Future<Void> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  /** Every request (and upgrade) that reached this backend, in order. */
  public List<JsonObject> seen() {
    return seen;
  }

  public JsonObject last() {
    return seen.get(seen.size() - 1);
  }

  private void handle(HttpServerRequest request) {
    JsonObject record = new JsonObject()
        .put("method", request.method().name())
        .put("uri", request.uri())
        .put("headers", headers(request.headers()));
    seen.add(record);
    if (request.canUpgradeToWebSocket()) {
      String origin = request.getHeader("Origin");
      if (origin != null && !URI.create(origin).getAuthority().equals(request.getHeader("Host"))) {
        request.response().setStatusCode(403).end("Forbidden origin");
        return;
      }
      request.toWebSocket().onSuccess(ws -> {
        ws.textMessageHandler(text -> ws.writeTextMessage("echo:" + text));
        ws.binaryMessageHandler(ws::writeBinaryMessage);
      });
      return;
    }
    switch (request.path()) {
      case "/echo-body" -> {
        request.response().setChunked(true).putHeader("Content-Type", "application/octet-stream");
        request.pipeTo(request.response());
      }
      case "/set-cookie" -> request.response()
          .putHeader("Set-Cookie", (Iterable<String>) List.of("zlh_session=forged; Path=/; Domain=test", "theirs=1; Path=/"))
          .end("cookies");
      case "/set-lookalike-cookies" -> request.response()
          .putHeader("Set-Cookie", (Iterable<String>) List.of("=zlh_session=x; Path=/", "\"zlh_session\"=x; Path=/",
              "ZLH_session=x; Path=/", "foo=1; Domain=example.test", "theirs=1; Path=/"))
          .end("cookies");
      default -> request.body().onSuccess(body -> request.response()
          .putHeader("Content-Type", "application/json")
          .end(record.copy().put("bodyLength", body.length()).encode()));
    }
  }

  private static JsonObject headers(MultiMap headers) {
    JsonObject json = new JsonObject();
    for (Map.Entry<String, String> header : headers) {
      String name = header.getKey().toLowerCase();
      JsonArray values = json.getJsonArray(name);
      if (values == null) {
        json.put(name, values = new JsonArray());
      }
      values.add(header.getValue());
    }
    return json;
  }
}
