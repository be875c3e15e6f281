package com.zerolaghub.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A WebSocket held for a whole run as the portal holds one: when the node closes it (1012 when
 * the node drains) it reconnects, through the front, after a short random pause, and counts the
 * reconnection done once the new socket says it is up (the console's {@code connected} status,
 * the events socket's {@code subscribed}). Counters are read after the run.
 */
final class HeldSocket {
  private static final Logger log = LoggerFactory.getLogger(HeldSocket.class);
  private static final int SERVICE_RESTART = 1012;

  private final Vertx vertx;
  private final WebSocketClient client;
  private final WebSocketConnectOptions options;
  private final String upMarker;
  private final String path;

  private volatile WebSocket socket;
  private volatile boolean up;
  private volatile boolean closing;
  private long closedAt = -1;
  private int restarts;
  private int reconnected;
  private int connectFailures;
  private long maxReconnectMs;
  private final Map<String, Integer> otherCloses = new TreeMap<>();

  HeldSocket(Vertx vertx, WebSocketClient client, String url, String token, String path, String upMarker) {
    this.vertx = vertx;
    this.client = client;
    this.path = path;
    this.upMarker = upMarker;
    URI base = URI.create(url);
    this.options = new WebSocketConnectOptions().setHost(base.getHost()).setPort(base.getPort()).setURI(path)
        .addHeader("Authorization", "Bearer " + token);
  }

  HeldSocket open() {
    vertx.runOnContext(v -> connect());
    return this;
  }

  boolean isUp() {
    return up;
  }

  void close() {
    closing = true;
    WebSocket s = socket;
    if (s != null) s.close();
  }

  private void connect() {
    if (closing) return;
    client.connect(options).onComplete(ar -> {
      if (ar.failed()) {
        synchronized (this) {
          connectFailures++;
        }
        log.warn("{}: connect failed ({}); again in 500 ms", path, ar.cause().getMessage());
        vertx.setTimer(500, t -> connect());
        return;
      }
      WebSocket ws = ar.result();
      socket = ws;
      ws.textMessageHandler(text -> {
        if (!up && text.contains(upMarker)) upNow();
      });
      ws.binaryMessageHandler(b -> { });
      ws.closeHandler(v -> closed(ws.closeStatusCode()));
    });
  }

  private synchronized void upNow() {
    up = true;
    if (closedAt >= 0) {
      reconnected++;
      maxReconnectMs = Math.max(maxReconnectMs, System.currentTimeMillis() - closedAt);
      closedAt = -1;
    }
  }

  private void closed(Short code) {
    up = false;
    socket = null;
    if (closing) return;
    log.info("{}: closed by the node with {}; reconnecting", path, code);
    synchronized (this) {
      if (code != null && code == SERVICE_RESTART) restarts++;
      else otherCloses.merge(String.valueOf(code), 1, Integer::sum);
      if (closedAt < 0) closedAt = System.currentTimeMillis();
    }
    vertx.setTimer(100 + ThreadLocalRandom.current().nextLong(300), t -> connect());
  }

  /** What a set of held sockets went through. */
  static JsonObject summary(List<HeldSocket> sockets) {
    int restarts = 0;
    int reconnected = 0;
    int failures = 0;
    int upAtEnd = 0;
    long maxMs = 0;
    Map<String, Integer> others = new TreeMap<>();
    for (HeldSocket s : sockets) {
      synchronized (s) {
        restarts += s.restarts;
        reconnected += s.reconnected;
        failures += s.connectFailures;
        maxMs = Math.max(maxMs, s.maxReconnectMs);
        s.otherCloses.forEach((k, v) -> others.merge(k, v, Integer::sum));
      }
      if (s.up) upAtEnd++;
    }
    return new JsonObject().put("held", sockets.size()).put("closedWith1012", restarts).put("reconnected", reconnected)
        .put("otherCloses", new JsonObject(new LinkedHashMap<>(others))).put("connectFailures", failures)
        .put("upAtEnd", upAtEnd).put("maxReconnectMs", maxMs);
  }
}
