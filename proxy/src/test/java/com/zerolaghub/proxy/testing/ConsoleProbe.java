package com.zerolaghub.proxy.testing;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** The portal's side of a console WebSocket: records statuses, output and the close. */
public final class ConsoleProbe {
  private static final Duration WAIT = Duration.ofSeconds(5);

  private final WebSocket socket;
  private final List<JsonObject> statuses = new CopyOnWriteArrayList<>();
  private final List<String> order = new CopyOnWriteArrayList<>();
  private final AtomicInteger pings = new AtomicInteger();
  private final Buffer output = Buffer.buffer();
  private volatile Short closeCode;
  private volatile boolean closed;

  public ConsoleProbe(WebSocket socket) {
    this.socket = socket;
    socket.frameHandler(frame -> {
      if (frame.isPing()) {
        pings.incrementAndGet();
      }
    });
    socket.textMessageHandler(text -> {
      JsonObject status = new JsonObject(text);
      statuses.add(status);
      order.add("status:" + status.getString("state"));
    });
    socket.binaryMessageHandler(bytes -> {
      synchronized (this) {
        output.appendBuffer(bytes);
      }
      order.add("output");
    });
    socket.closeHandler(v -> {
      closeCode = socket.closeStatusCode();
      closed = true;
    });
  }

  public WebSocket socket() {
    return socket;
  }

  public List<JsonObject> statuses() {
    return statuses;
  }

  /** What arrived, in order: {@code status:<state>} or {@code output}. */
  public List<String> order() {
    return order;
  }

  /** A copy of the output so far. */
  public synchronized Buffer output() {
    return output.copy();
  }

  public synchronized int outputLength() {
    return output.length();
  }

  public int pingsSeen() {
    return pings.get();
  }

  public void input(String data) {
    socket.writeTextMessage(new JsonObject().put("type", "input").put("data", data).encode());
  }

  public ConsoleProbe awaitState(String state) {
    Await.until(() -> statuses.stream().anyMatch(s -> state.equals(s.getString("state"))), WAIT, "status " + state + " in " + statuses);
    return this;
  }

  public ConsoleProbe awaitOutput(String text) {
    Await.until(() -> output().toString().contains(text), WAIT, "output " + text + " in " + output());
    return this;
  }

  /** Waits for the close; answers its code. */
  public short awaitClose() {
    Await.until(() -> closed, WAIT, "console closed");
    return closeCode == null ? -1 : closeCode;
  }

  public JsonObject lastStatus() {
    return statuses.get(statuses.size() - 1);
  }
}
