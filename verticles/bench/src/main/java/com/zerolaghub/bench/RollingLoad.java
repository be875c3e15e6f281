package com.zerolaghub.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bench rolling}: the customer load of a rolling restart, sent through the front (which
 * alone may retry, and only refused connections). Creates game servers at a steady pace, lists
 * them continuously, and holds console WebSockets and one {@code /api/events} socket, which
 * reconnect when a draining node closes them with 1012. It never retries a request itself:
 * every request that fails (no answer, or not the answer expected) is counted as failed. Runs
 * until the stop file exists, then waits for every operation it started to end, and prints the
 * counts as one line of JSON; the operation ids go to a file for the event-log check.
 *
 * <p>Arguments, after {@code --} (picocli would take them for its own options): {@code --url http://front --token-file F --stop-file F --operations-out F
 * [--consoles 3] [--create-every-ms 1500] [--list-every-ms 100] [--settle-s 180]}.
 */
final class RollingLoad implements Benchmark {
  private static final Logger log = LoggerFactory.getLogger(RollingLoad.class);

  @Override
  public String name() {
    return "rolling";
  }

  @Override
  public String description() {
    return "load through a front during a rolling restart: creates, lists, holds consoles; counts failures and reconnects";
  }

  @Override
  public void run(List<String> args, PrintWriter out) throws Exception {
    Options o = Options.parse(args);
    String token = Files.readString(o.tokenFile).trim();
    long t0 = System.nanoTime();
    Api api = new Api(o.url, token);
    Vertx vertx = Vertx.vertx();
    try {
      WebSocketClient sockets = vertx.createWebSocketClient();
      // servers whose consoles are held through the whole run
      List<String> consoleServers = new ArrayList<>();
      for (int i = 0; i < o.consoles; i++) {
        JsonObject accepted = api.create("console-" + i);
        if (accepted != null) consoleServers.add(accepted.getString("serverId"));
      }
      api.awaitEnded(Duration.ofSeconds(o.settleSeconds));
      List<HeldSocket> held = new ArrayList<>();
      for (String id : consoleServers) {
        held.add(new HeldSocket(vertx, sockets, o.url, token, "/api/servers/" + id + "/console", "\"connected\"").open());
      }
      HeldSocket events = new HeldSocket(vertx, sockets, o.url, token, "/api/events", "\"subscribed\"").open();
      awaitAll(held, events, Duration.ofSeconds(30));
      log.info("holding {} consoles and the events socket; load begins", held.size());

      long loadStart = System.nanoTime();
      Thread creator = loop("rolling-creator", o.stopFile, o.createEveryMs, n -> api.create("rolling-" + n));
      Thread lister = loop("rolling-lister", o.stopFile, o.listEveryMs, n -> api.list());
      creator.join();
      lister.join();
      double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
      log.info("stop file seen after {} s; waiting for every operation to end", Math.round(loadSeconds));
      long[] endings = api.awaitEnded(Duration.ofSeconds(o.settleSeconds));
      awaitAll(held, events, Duration.ofSeconds(30));
      // Counted before our own close: a socket we close is down by the time its close handler has run.
      JsonObject consoles = HeldSocket.summary(held);
      JsonObject eventsSocket = HeldSocket.summary(List.of(events));
      held.forEach(HeldSocket::close);
      events.close();
      Files.write(o.operationsOut, api.operationIds);

      JsonObject summary = new JsonObject()
          .put("benchmark", name())
          .put("front", o.url)
          .put("loadSeconds", Math.round(loadSeconds * 10) / 10.0)
          .put("totalSeconds", Math.round((System.nanoTime() - t0) / 1e8) / 10.0)
          .put("requests", api.summary())
          .put("operations", new JsonObject().put("started", api.operationIds.size())
              .put("ended", endings[0]).put("succeeded", endings[1]))
          .put("consoles", consoles)
          .put("events", eventsSocket);
      out.println(summary.encode());
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private static void awaitAll(List<HeldSocket> held, HeldSocket events, Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      if (events.isUp() && held.stream().allMatch(HeldSocket::isUp)) return;
      Thread.sleep(100);
    }
    log.warn("not every socket is up after {}", within);
  }

  private interface Step {
    void run(long n) throws Exception;
  }

  private static Thread loop(String name, Path stopFile, long everyMs, Step step) {
    Thread t = new Thread(() -> {
      long n = 0;
      while (!Files.exists(stopFile)) {
        long started = System.nanoTime();
        try {
          step.run(n++);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        } catch (Exception e) {
          log.warn("{}: {}", name, e.toString());
        }
        long left = everyMs - (System.nanoTime() - started) / 1_000_000;
        try {
          if (left > 0) Thread.sleep(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }, name);
    t.start();
    return t;
  }

  /** The API through the front; every call is counted, none is retried. */
  private static final class Api {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;
    private final String token;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Map<String, AtomicLong> byOutcome = new ConcurrentHashMap<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    final List<String> operationIds = new CopyOnWriteArrayList<>();

    Api(String url, String token) {
      this.url = url;
      this.token = token;
    }

    JsonObject create(String name) throws InterruptedException {
      JsonObject body = new JsonObject().put("type", "game").put("name", name).put("variant", "vanilla").put("plan", "game-2g");
      HttpRequest request = base("/api/instances").header("Content-Type", "application/json")
          .header("Idempotency-Key", "rolling-" + name).POST(HttpRequest.BodyPublishers.ofString(body.encode())).build();
      String answer = send("create", request, 202);
      if (answer == null) return null;
      JsonObject accepted = new JsonObject(answer);
      operationIds.add(accepted.getString("operationId"));
      return accepted;
    }

    JsonArray list() throws InterruptedException {
      String answer = send("list", base("/api/servers?limit=500").GET().build(), 200);
      return answer == null ? null : new JsonObject(answer).getJsonArray("servers");
    }

    /** Waits until every operation started here ended; answers {ended, succeeded}. */
    long[] awaitEnded(Duration within) throws InterruptedException {
      long deadline = System.nanoTime() + within.toNanos();
      long[] counts = {0, 0};
      while (true) {
        JsonArray servers = list();
        if (servers != null) {
          Set<String> ours = Set.copyOf(operationIds);
          counts = new long[] {0, 0};
          for (Object o : servers) {
            JsonObject op = ((JsonObject) o).getJsonObject("operation");
            if (op == null || !ours.contains(op.getString("operationId"))) continue;
            String status = op.getString("status");
            if ("succeeded".equals(status) || "failed".equals(status)) counts[0]++;
            if ("succeeded".equals(status)) counts[1]++;
          }
          if (counts[0] >= ours.size()) return counts;
        }
        if (System.nanoTime() > deadline) return counts;
        Thread.sleep(500);
      }
    }

    private HttpRequest.Builder base(String path) {
      return HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30))
          .header("Authorization", "Bearer " + token);
    }

    private String send(String what, HttpRequest request, int expected) throws InterruptedException {
      sent.incrementAndGet();
      String outcome;
      String body = null;
      try {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        outcome = what + " " + r.statusCode();
        if (r.statusCode() == expected) body = r.body();
        else failure(outcome + " " + r.body());
      } catch (IOException e) {
        outcome = what + " " + e.getClass().getSimpleName();
        failure(outcome + " " + e.getMessage());
      }
      byOutcome.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
      return body;
    }

    private void failure(String what) {
      failed.incrementAndGet();
      if (failures.size() < 20) failures.add(what);
      log.warn("request failed: {}", what);
    }

    JsonObject summary() {
      Map<String, Long> outcomes = new TreeMap<>();
      byOutcome.forEach((k, v) -> outcomes.put(k, v.get()));
      return new JsonObject().put("sent", sent.get()).put("failed", failed.get())
          .put("byOutcome", new JsonObject(new LinkedHashMap<>(outcomes))).put("failures", new JsonArray(failures));
    }
  }

  private record Options(String url, Path tokenFile, Path stopFile, Path operationsOut, int consoles,
      long createEveryMs, long listEveryMs, long settleSeconds) {
    static Options parse(List<String> args) {
      Map<String, String> m = new TreeMap<>();
      for (int i = 0; i + 1 < args.size(); i += 2) {
        if (!args.get(i).startsWith("--")) throw new IllegalArgumentException("expected --option value, got " + args.get(i));
        m.put(args.get(i).substring(2), args.get(i + 1));
      }
      for (String required : List.of("url", "token-file", "stop-file", "operations-out")) {
        if (!m.containsKey(required)) throw new IllegalArgumentException("bench rolling needs --" + required);
      }
      return new Options(m.get("url").replaceAll("/+$", ""), Path.of(m.get("token-file")), Path.of(m.get("stop-file")),
          Path.of(m.get("operations-out")), Integer.parseInt(m.getOrDefault("consoles", "3")),
          Long.parseLong(m.getOrDefault("create-every-ms", "1500")), Long.parseLong(m.getOrDefault("list-every-ms", "100")),
          Long.parseLong(m.getOrDefault("settle-s", "180")));
    }
  }
}
