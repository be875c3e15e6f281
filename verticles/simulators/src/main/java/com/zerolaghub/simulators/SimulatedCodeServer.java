package com.zerolaghub.simulators;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import java.nio.file.Path;

/**
 * What listens on a simulated dev container's port 6000: the real code-server when
 * {@code infra.simCodeServer} finds one ({@link CodeServerBinary}), run as a child process on the
 * container's address; otherwise a stand-in where every HTTP request gets a small HTML page (with
 * the {@code Host} it saw echoed in {@code X-Seen-Host}) saying how to get the real one, and every
 * WebSocket echoes what it receives. Process start and stop run on worker threads.
 */
final class SimulatedCodeServer {
  private final Vertx vertx;
  private final String host;
  private final int port;
  private final String binarySetting;
  private final Path workspace;
  private HttpServer server;
  private volatile CodeServerProcess process;

  SimulatedCodeServer(Vertx vertx, String host, int port, String binarySetting, Path workspace) {
    this.vertx = vertx;
    this.host = host;
    this.port = port;
    this.binarySetting = binarySetting;
    this.workspace = workspace;
  }

  Future<Void> start() {
    return vertx.executeBlocking(() -> CodeServerBinary.find(binarySetting).map(binary -> {
      process = CodeServerProcess.start(binary, host, port, workspace);
      return true;
    }).orElse(false)).compose(real -> real ? Future.succeededFuture() : startStandIn());
  }

  private Future<Void> startStandIn() {
    HttpServer created = vertx.createHttpServer();
    created.webSocketHandler(this::echo).requestHandler(this::page);
    return created.listen(port, host).onSuccess(s -> server = s).mapEmpty();
  }

  Future<Void> stop() {
    HttpServer running = server;
    server = null;
    CodeServerProcess child = process;
    process = null;
    Future<Void> page = running == null ? Future.succeededFuture() : running.close();
    Future<Void> real = child == null ? Future.succeededFuture() : vertx.executeBlocking(() -> {
      child.stop();
      return null;
    });
    return Future.join(page, real).mapEmpty();
  }

  boolean running() {
    CodeServerProcess child = process;
    return server != null || (child != null && child.alive());
  }

  private void page(HttpServerRequest request) {
    String seenHost = String.valueOf(request.getHeader("Host"));
    request.response()
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("X-Seen-Host", seenHost)
        .end("<!doctype html><title>code-server stand-in</title><p>code-server stand-in on " + host + "</p>"
            + "<p>For the real VS Code here: " + CodeServerBinary.HOW_TO_GET + ", then restart the node.</p>");
  }

  private void echo(ServerWebSocket socket) {
    socket.textMessageHandler(socket::writeTextMessage);
    socket.binaryMessageHandler(socket::writeBinaryMessage);
  }
}
