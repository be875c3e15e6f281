package com.zerolaghub.verticles.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** A WebSocket held as the portal holds one, with a bearer session: what it was sent, and how it was closed. */
public final class BearerSocket {
  public final List<String> texts = new CopyOnWriteArrayList<>();
  public volatile Short closeCode;

  private BearerSocket() {}

  public static BearerSocket open(Vertx vertx, WebSocketClient client, int port, String path, String token) throws Exception {
    BearerSocket s = new BearerSocket();
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
        .setURI(path).addHeader("Authorization", "Bearer " + token);
    Promise<WebSocket> opened = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> client.connect(options).onSuccess(ws -> {
      ws.textMessageHandler(s.texts::add);
      ws.binaryMessageHandler(b -> { });
      ws.closeHandler(x -> s.closeCode = ws.closeStatusCode());
    }).onComplete(opened));
    opened.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    return s;
  }

  public void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as(what + "; saw " + texts).isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  /** Closed by the node within {@code within}. */
  public void awaitClose(Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (closeCode == null) {
      assertThat(System.nanoTime()).as("socket closed within " + within + "; saw " + texts).isLessThan(deadline);
      Thread.sleep(10);
    }
  }
}
