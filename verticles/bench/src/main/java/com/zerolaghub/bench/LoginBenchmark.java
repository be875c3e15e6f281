package com.zerolaghub.bench;

import com.zerolaghub.core.accounts.PasswordHasher;
import com.zerolaghub.verticles.config.ConfigLoader;
import com.zerolaghub.verticles.config.DataConfig;
import com.zerolaghub.verticles.config.PlatformConfig;
import com.zerolaghub.verticles.runtime.NodeCapabilities;
import com.zerolaghub.verticles.runtime.Platform;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole node in-process (embedded PostgreSQL with durable commits and embedded Redis) with
 * the configured bcrypt cost. Measures (1) login throughput and latency with several logins
 * in flight, beside its floor (one bcrypt verification per login: cores / verify time), and
 * (2) what authentication costs: {@code GET /api/me} with a bearer token against
 * {@code GET /health/live} of the same router, both at one fixed request rate, interleaved
 * request by request; p99(me) / p99(live) is the ratio (target ≤ 1.3).
 */
public final class LoginBenchmark implements Benchmark {
  private static final Logger log = LoggerFactory.getLogger(LoginBenchmark.class);
  private static final int USERS = 16;

  @Override
  public String name() {
    return "login";
  }

  @Override
  public String description() {
    return "login throughput at the configured bcrypt cost, and GET /api/me vs /health/live at a fixed rate "
        + "(args: [logins=200] [requests-per-s=500] [seconds=20] [bcrypt-cost=configured])";
  }

  @Override
  public void run(List<String> args, PrintWriter out) throws Exception {
    int logins = args.size() > 0 ? Integer.parseInt(args.get(0)) : 200;
    int rate = args.size() > 1 ? Integer.parseInt(args.get(1)) : 500;
    int seconds = args.size() > 2 ? Integer.parseInt(args.get(2)) : 20;
    Integer cost = args.size() > 3 ? Integer.valueOf(args.get(3)) : null;
    out.println(run(logins, rate, seconds, cost).encode());
  }

  public JsonObject run(int logins, int rate, int seconds, Integer cost) throws Exception {
    Vertx client = Vertx.vertx();
    Path dataDir = Files.createTempDirectory("zlh-bench-login");
    Platform platform = null;
    try {
      PlatformConfig configured = await(ConfigLoader.load(client, null, System.getenv(), null));
      var unlimited = configured.auth().toBuilder().loginPerIp(1_000_000).loginPerEmail(1_000_000)
          .registerPerIp(1_000_000).resetPerIp(1_000_000).resetPerEmail(1_000_000);
      if (cost != null) unlimited.bcryptCost(cost);
      var auth = unlimited.build();
      PlatformConfig config = PlatformConfig.defaults().with(c -> c
          .http(h -> h.port(0).host("127.0.0.1"))
          .data(new DataConfig(dataDir.toString()))
          .auth(auth));
      platform = await(Platform.builder(config).capabilities(NodeCapabilities.forNode(config)).start());
      int port = platform.httpPort();
      WebClient web = WebClient.create(client, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port).setKeepAlive(true),
          new PoolOptions().setHttp1MaxSize(64));

      List<JsonObject> users = new ArrayList<>();
      for (int i = 0; i < USERS; i++) {
        JsonObject user = new JsonObject().put("email", "bench" + i + "@example.com").put("password", "bench password " + i)
            .put("username", "bench_" + i).put("displayName", "Bench " + i);
        await(web.post("/api/auth/register").sendJsonObject(user).compose(r -> expect(r, 201)));
        users.add(new JsonObject().put("email", user.getString("email")).put("password", user.getString("password")));
      }
      int concurrency = 2 * Runtime.getRuntime().availableProcessors();
      double verifyMillis = bcryptVerifyMillis(auth.bcryptCost());
      log.info("login: {} logins, {} in flight, bcrypt cost {}", logins, concurrency, auth.bcryptCost());
      int warmUp = Math.max(concurrency, logins / 10);
      await(ClosedLoop.run(client, warmUp, concurrency, new LatencyRecorder(1), i -> login(web, users.get(i % USERS))));
      LatencyRecorder loginLatency = new LatencyRecorder(logins);
      long loginNanos = await(ClosedLoop.run(client, logins, concurrency, loginLatency, i -> login(web, users.get(i % USERS))));

      String token = await(login(web, users.get(0))).bodyAsJsonObject().getString("token");
      log.info("GET /api/me and /health/live interleaved, {} req/s each, {} s", rate, seconds);
      // Every other request goes to each endpoint, so stalls of the machine (GC, other
      // processes) hit both alike and the ratio shows what authentication adds.
      IntFunction<Future<?>> pair = i -> i % 2 == 0 ? me(web, token) : live(web);
      LatencyRecorder warm = new LatencyRecorder(rate * 4);
      await(OpenLoop.run(client, 2 * rate, Duration.ofSeconds(2), i -> warm, pair));
      int perEndpoint = rate * seconds;
      LatencyRecorder meLatency = new LatencyRecorder(perEndpoint);
      LatencyRecorder liveLatency = new LatencyRecorder(perEndpoint);
      int failures = await(OpenLoop.run(client, 2 * rate, Duration.ofSeconds(seconds),
          i -> i % 2 == 0 ? meLatency : liveLatency, pair));
      double meP99 = meLatency.percentileMillis(99);
      double liveP99 = liveLatency.percentileMillis(99);
      return new JsonObject().put("bench", "login").put("bcrypt_cost", auth.bcryptCost()).put("durable_commits", true)
          .put("login", new JsonObject().put("logins", logins).put("concurrency", concurrency)
              .put("bcrypt_verify_ms", verifyMillis)
              .put("ceiling_per_s", Math.round(Runtime.getRuntime().availableProcessors() * 1000 / verifyMillis * 10) / 10.0)
              .put("per_s", Math.round(logins / (loginNanos / 1e9) * 10) / 10.0)
              .put("p50_ms", loginLatency.percentileMillis(50)).put("p99_ms", loginLatency.percentileMillis(99)))
          .put("me_vs_live", new JsonObject().put("rate_per_s", rate).put("requests_each", perEndpoint).put("failures", failures)
              .put("me_p50_ms", meLatency.percentileMillis(50)).put("me_p99_ms", meP99)
              .put("live_p50_ms", liveLatency.percentileMillis(50)).put("live_p99_ms", liveP99)
              .put("ratio_p50", ratio(meLatency.percentileMillis(50), liveLatency.percentileMillis(50)))
              .put("ratio_p99", ratio(meP99, liveP99)));
    } finally {
      if (platform != null) platform.stop().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
      client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      deleteQuietly(dataDir);
    }
  }

  /** The floor of a login: one bcrypt verification on one thread, median of 5 after warm-up. */
  private static double bcryptVerifyMillis(int cost) {
    PasswordHasher hasher = new PasswordHasher(cost);
    String hash = hasher.hash("bench password");
    hasher.verify("bench password", hash);
    double[] times = new double[5];
    for (int i = 0; i < times.length; i++) {
      long t = System.nanoTime();
      hasher.verify("bench password", hash);
      times[i] = (System.nanoTime() - t) / 1e6;
    }
    Arrays.sort(times);
    return Math.round(times[2] * 10) / 10.0;
  }

  private static Future<HttpResponse<Buffer>> login(WebClient web, JsonObject credentials) {
    return web.post("/api/auth/login").sendJsonObject(credentials).compose(r -> expect(r, 200));
  }

  private static Future<HttpResponse<Buffer>> me(WebClient web, String token) {
    return web.get("/api/me").bearerTokenAuthentication(token).send().compose(r -> expect(r, 200));
  }

  private static Future<HttpResponse<Buffer>> live(WebClient web) {
    return web.get("/health/live").send().compose(r -> expect(r, 200));
  }

  private static Future<HttpResponse<Buffer>> expect(HttpResponse<Buffer> r, int status) {
    return r.statusCode() == status ? Future.succeededFuture(r)
        : Future.failedFuture(new IllegalStateException("expected " + status + ", got " + r.statusCode() + ": " + r.bodyAsString()));
  }

  private static double ratio(double a, double b) {
    return b == 0 ? Double.NaN : Math.round(a / b * 100) / 100.0;
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.MINUTES);
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      log.warn("bench data not deleted: {}", dir);
    }
  }
}
