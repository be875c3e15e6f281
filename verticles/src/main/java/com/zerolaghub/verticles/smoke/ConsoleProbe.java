package com.zerolaghub.verticles.smoke;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A server's console as the portal opens it ({@code GET /api/servers/<id>/console}, a WebSocket
 * with the caller's session): waits for {@code connected}, sends one line, waits to see it come back.
 */
final class ConsoleProbe implements AutoCloseable {
  private final Vertx vertx;
  private final WebSocketClient client;

  ConsoleProbe(Vertx vertx) {
    this.vertx = vertx;
    this.client = vertx.createWebSocketClient(new WebSocketClientOptions().setConnectTimeout(10_000));
  }

  /** Sends {@code line} and answers once the console's output shows {@code expect}. */
  void roundTrip(URI base, String token, String serverId, String line, String expect, Duration timeout) {
    Opened console = open(base, token, serverId);
    try {
      console.await("the console's connected status", timeout, () -> console.statuses.stream().anyMatch(s -> "connected".equals(s.getString("state"))));
      console.socket.writeTextMessage(new JsonObject().put("type", "input").put("data", line + "\r").encode());
      console.await("\"" + expect + "\" in the console's output", timeout, () -> console.output.toString().contains(expect));
    } finally {
      console.socket.close();
    }
  }

  /** The HTTP status with which the upgrade is refused, or 101 when it is accepted. */
  int upgradeStatus(URI base, String token, String serverId) {
    try {
      Opened console = open(base, token, serverId);
      console.socket.close();
      return 101;
    } catch (SmokeCheckFailed e) {
      if (e.getCause() instanceof UpgradeRejectedException rejected) return rejected.getStatus();
      throw e;
    }
  }

  private Opened open(URI base, String token, String serverId) {
    boolean ssl = "https".equalsIgnoreCase(base.getScheme());
    WebSocketConnectOptions options = new WebSocketConnectOptions().setSsl(ssl).setHost(base.getHost())
        .setPort(base.getPort() > 0 ? base.getPort() : ssl ? 443 : 80)
        .setURI("/api/servers/" + serverId + "/console").addHeader("Authorization", "Bearer " + token);
    Promise<Opened> opened = Promise.promise();
    // handlers are set on the socket's context as it opens, so no frame is missed
    vertx.getOrCreateContext().runOnContext(v -> client.connect(options).map(Opened::new).onComplete(opened));
    return PublicApi.await(opened.future(), "console of " + serverId);
  }

  @Override
  public void close() {
    client.close();
  }

  private static final class Opened {
    final WebSocket socket;
    final List<JsonObject> statuses = new CopyOnWriteArrayList<>();
    final StringBuffer output = new StringBuffer();
    volatile Short closeCode;

    Opened(WebSocket socket) {
      this.socket = socket;
      socket.textMessageHandler(text -> {
        try {
          statuses.add(new JsonObject(text));
        } catch (RuntimeException e) {
          output.append(text);
        }
      });
      socket.binaryMessageHandler(bytes -> output.append(bytes.toString()));
      socket.closeHandler(v -> closeCode = socket.closeStatusCode());
    }

    void await(String what, Duration timeout, BooleanSupplier condition) {
      long end = System.nanoTime() + timeout.toNanos();
      while (!condition.getAsBoolean()) {
        if (closeCode != null) throw new SmokeCheckFailed("console closed (" + closeCode + ") before " + what + "; statuses " + statuses);
        if (System.nanoTime() > end) {
          throw new SmokeCheckFailed("no " + what + " within " + timeout.toSeconds() + " s; statuses " + statuses);
        }
        Polling.pause();
      }
    }
  }
}
