package com.zerolaghub.verticles.billing;

import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** A server console as the portal holds it: the bridge's status messages and the close code, as they arrive. */
final class PortalConsole {
  private static final Duration WAIT = Duration.ofSeconds(10);

  final WebSocket socket;
  final List<JsonObject> statuses = new CopyOnWriteArrayList<>();
  volatile Short closeCode;

  private PortalConsole(WebSocket socket) {
    this.socket = socket;
    socket.textMessageHandler(text -> statuses.add(new JsonObject(text)));
    socket.binaryMessageHandler(bytes -> { });
    socket.closeHandler(v -> closeCode = socket.closeStatusCode());
  }

  /** Opens {@code /api/servers/<id>/console} on the node with a bearer session. */
  static PortalConsole open(Vertx vertx, WebSocketClient client, int port, String serverId, String token) throws Exception {
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
        .setURI("/api/servers/" + serverId + "/console").addHeader("Authorization", "Bearer " + token);
    Promise<PortalConsole> opened = Promise.promise();
    Context context = vertx.getOrCreateContext();
    // handlers are set on the socket's context as it opens, so no frame is missed
    context.runOnContext(v -> client.connect(options).map(PortalConsole::new).onComplete(opened));
    return opened.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  List<String> states() {
    return statuses.stream().map(s -> s.getString("state")).toList();
  }

  void await(String what, BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) throw new AssertionError("console: no " + what + " within " + WAIT + "; saw " + statuses
          + " close " + closeCode);
      Thread.sleep(5);
    }
  }
}
