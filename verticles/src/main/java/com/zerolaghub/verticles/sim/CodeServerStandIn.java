package com.zerolaghub.verticles.sim;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;

/**
 * Just enough of code-server on a simulated dev container's port 6000 to route to: every HTTP
 * request gets a small HTML page (with the {@code Host} it saw echoed in {@code X-Seen-Host}), every
 * WebSocket echoes what it receives. The real code-server is used in end-to-end tests elsewhere.
 */
final class CodeServerStandIn {
  private final Vertx vertx;
  private final String host;
  private final int port;
  private HttpServer server;

  CodeServerStandIn(Vertx vertx, String host, int port) {
    this.vertx = vertx;
    this.host = host;
    this.port = port;
  }

  Future<Void> start() {
    HttpServer created = vertx.createHttpServer();
    created.webSocketHandler(this::echo).requestHandler(this::page);
    return created.listen(port, host).onSuccess(s -> server = s).mapEmpty();
  }

  Future<Void> stop() {
    HttpServer running = server;
    server = null;
    return running == null ? Future.succeededFuture() : running.close();
  }

  boolean running() {
    return server != null;
  }

  private void page(HttpServerRequest request) {
    String seenHost = String.valueOf(request.getHeader("Host"));
    request.response()
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("X-Seen-Host", seenHost)
        .end("<!doctype html><title>code-server stand-in</title><p>code-server stand-in on " + host + "</p>");
  }

  private void echo(ServerWebSocket socket) {
    socket.textMessageHandler(socket::writeTextMessage);
    socket.binaryMessageHandler(socket::writeBinaryMessage);
  }
}
