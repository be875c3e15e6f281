package com.zerolaghub.verticles.bench;

import com.zerolaghub.proxy.bench.ProxyBench;
import com.zerolaghub.proxy.bench.WrkResult;
import com.zerolaghub.proxy.ide.RedisIdeGrants;
import com.zerolaghub.verticles.embedded.EmbeddedRedisServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench proxy}: wrk against a small backend directly, through nginx (Debian's, one
 * worker, upstream keepalive) and through our dev-host proxy (one event loop, a real IDE session
 * cookie checked against Redis through the in-memory grant cache), in one run. Needs {@code wrk}
 * and {@code nginx}.
 */
public final class ProxyBenchmark implements Benchmark {
  @Override
  public String name() {
    return "proxy";
  }

  @Override
  public String description() {
    return "wrk direct vs nginx vs our dev-host proxy (args: [seconds, default 10] [connections, default 64])";
  }

  @Override
  public void run(List<String> args, PrintWriter out) throws Exception {
    int seconds = args.isEmpty() ? 10 : Integer.parseInt(args.get(0));
    int connections = args.size() < 2 ? 64 : Integer.parseInt(args.get(1));
    Vertx vertx = Vertx.vertx();
    try (EmbeddedRedisServer redisServer = EmbeddedRedisServer.start(Files.createTempDirectory("zlh-bench-redis"))) {
      Redis redis = Redis.createClient(vertx, redisServer.uri());
      try {
        ProxyBench.Options options = new ProxyBench.Options(Duration.ofSeconds(3), Duration.ofSeconds(seconds), connections, 2,
            1024, "wrk", "nginx");
        List<WrkResult> results = new ProxyBench(vertx, new RedisIdeGrants(redis), options).run();
        JsonArray rows = new JsonArray();
        WrkResult nginx = null;
        WrkResult proxy = null;
        for (WrkResult r : results) {
          rows.add(new JsonObject().put("target", r.target()).put("req_per_s", r.requestsPerSecond())
              .put("p50_ms", r.p50Millis()).put("p99_ms", r.p99Millis()).put("errors", r.errors()));
          if (r.target().equals("nginx")) nginx = r;
          if (r.target().equals("proxy")) proxy = r;
        }
        JsonObject line = new JsonObject().put("bench", "proxy").put("seconds", seconds).put("connections", connections)
            .put("results", rows);
        if (nginx != null && proxy != null) {
          line.put("ratio_req_per_s", Math.round(proxy.requestsPerSecond() / nginx.requestsPerSecond() * 100) / 100.0)
              .put("ratio_p99", Math.round(proxy.p99Millis() / nginx.p99Millis() * 100) / 100.0);
        }
        out.println(line.encode());
      } finally {
        redis.close();
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
