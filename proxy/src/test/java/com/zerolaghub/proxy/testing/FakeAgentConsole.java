package com.zerolaghub.proxy.testing;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An agent's {@code /console} as AGENT-API.md describes it: Bearer token required (401
 * otherwise), scrollback replayed as binary on connect, {@code {"type":"input"}} echoed as
 * binary PTY output. Test hooks close, flood and count.
 */
public final class FakeAgentConsole {
  private final Vertx vertx;
  private final String token;
  private final Buffer scrollback;
  private final List<ServerWebSocket> open = new CopyOnWriteArrayList<>();
  private final List<String> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger pings = new AtomicInteger();
  private final AtomicInteger upgrades = new AtomicInteger();
  private HttpServer server;

  public FakeAgentConsole(Vertx vertx, String token, String scrollback) {
    this.vertx = vertx;
    this.token = token;
    this.scrollback = Buffer.buffer(scrollback);
  }

  public Future<Integer> start() {
    return vertx.createHttpServer()
        .requestHandler(request -> {
          if (!("Bearer " + token).equals(request.getHeader("Authorization"))) {
            request.response().setStatusCode(401).end("{\"error\":\"unauthorized\"}");
            return;
          }
          request.toWebSocket().onSuccess(this::attach);
        })
        .listen(0, "127.0.0.1")
        .map(s -> {
          server = s;
          return s.actualPort();
        });
  }

  public Future<Void> stop() {
    return server.close();
  }

  private void attach(ServerWebSocket ws) {
    upgrades.incrementAndGet();
    open.add(ws);
    ws.closeHandler(v -> open.remove(ws));
    if (scrollback.length() > 0) {
      ws.writeBinaryMessage(scrollback);
    }
    ws.frameHandler(frame -> {
      if (frame.isPing()) {
        pings.incrementAndGet();
      }
    });
    ws.textMessageHandler(text -> {
      received.add(text);
      JsonObject message = new JsonObject(text);
      if ("input".equals(message.getString("type"))) {
        ws.writeBinaryMessage(Buffer.buffer(message.getString("data")));
      }
    });
  }

  public int openConsoles() {
    return open.size();
  }

  public int upgrades() {
    return upgrades.get();
  }

  public int pingsSeen() {
    return pings.get();
  }

  public List<String> received() {
    return received;
  }

  /** Closes every console with {@code code}, as an agent stopping (1000) or failing (1011). */
  public void closeAll(short code) {
    open.forEach(ws -> ws.close(code, "agent says bye"));
  }

  /** A running flood: whether the agent had to wait yet, and its end. */
  public record Flood(AtomicBoolean pushedBack, Future<Void> done) {}

  /**
   * Writes {@code frames} binary frames of {@code size} bytes (byte i of the stream is
   * {@code (byte) i}) to the one open console, waiting for drain whenever its write queue is
   * full, which {@link Flood#pushedBack()} records: the bridge stopped reading.
   */
  public Flood flood(int frames, int size) {
    ServerWebSocket ws = open.get(0);
    Promise<Void> done = Promise.promise();
    AtomicBoolean pushedBack = new AtomicBoolean();
    vertx.runOnContext(v -> new Runnable() {
      long offset;
      int sent;

      @Override
      public void run() {
        while (sent < frames) {
          if (ws.writeQueueFull()) {
            pushedBack.set(true);
            ws.drainHandler(d -> run());
            return;
          }
          Buffer chunk = Buffer.buffer(size);
          for (int i = 0; i < size; i++) {
            chunk.appendByte((byte) (offset++));
          }
          ws.writeBinaryMessage(chunk);
          sent++;
        }
        done.complete();
      }
    }.run());
    return new Flood(pushedBack, done.future());
  }
}
