package com.zerolaghub.simulators;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Discord webhook endpoint ({@code POST /api/webhooks/<id>/<token>}) for tests and local runs.
 * Records each accepted message; can answer 429 with a {@code retry_after} (seconds) every n-th
 * request, and 5xx to the next k requests (fault injection).
 */
public final class DiscordSimulator {
  private final Vertx vertx;
  private final List<JsonObject> posts = new ArrayList<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger rateLimited = new AtomicInteger();
  private final AtomicInteger failNext = new AtomicInteger();
  private final AtomicInteger rateLimitNext = new AtomicInteger();
  private volatile int rateLimitEvery;
  private volatile double retryAfterSeconds = 0.05;
  private HttpServer server;

  public DiscordSimulator(Vertx vertx) {
    this.vertx = vertx;
  }

  public Future<DiscordSimulator> start() {
    return vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1").map(s -> {
      server = s;
      return this;
    });
  }

  /** The webhook URL to configure (a fake token in the path, as Discord's). */
  public String webhookUrl() {
    return "http://127.0.0.1:" + server.actualPort() + "/api/webhooks/1/sim-token";
  }

  /** Every n-th request answers 429 with {@code retry_after} seconds (0 turns it off). */
  public DiscordSimulator rateLimitEvery(int n, double retryAfterSeconds) {
    this.rateLimitEvery = n;
    this.retryAfterSeconds = retryAfterSeconds;
    return this;
  }

  /** The next {@code k} requests answer 429 with {@code retry_after} seconds. */
  public DiscordSimulator rateLimitNext(int k, double retryAfterSeconds) {
    this.retryAfterSeconds = retryAfterSeconds;
    rateLimitNext.set(k);
    return this;
  }

  /** The next {@code k} requests answer 502. */
  public DiscordSimulator failNext(int k) {
    failNext.set(k);
    return this;
  }

  public synchronized List<JsonObject> posts() {
    return List.copyOf(posts);
  }

  public int rateLimitedAnswers() {
    return rateLimited.get();
  }

  private void handle(HttpServerRequest req) {
    if (!"POST".equals(req.method().name()) || !req.path().startsWith("/api/webhooks/")) {
      req.response().setStatusCode(404).end();
      return;
    }
    req.body().onSuccess(body -> {
      int n = requests.incrementAndGet();
      if (failNext.getAndUpdate(k -> Math.max(0, k - 1)) > 0) {
        req.response().setStatusCode(502).end("bad gateway");
        return;
      }
      int every = rateLimitEvery;
      boolean limitedNow = rateLimitNext.getAndUpdate(k -> Math.max(0, k - 1)) > 0;
      if (limitedNow || (every > 0 && n % every == 0)) {
        rateLimited.incrementAndGet();
        req.response().setStatusCode(429).putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("message", "You are being rate limited.").put("retry_after", retryAfterSeconds)
                .put("global", false).encode());
        return;
      }
      JsonObject message;
      try {
        message = body.toJsonObject();
      } catch (RuntimeException e) {
        req.response().setStatusCode(400).end();
        return;
      }
      synchronized (this) {
        posts.add(message);
      }
      req.response().setStatusCode(204).end();
    });
  }

  public Future<Void> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
