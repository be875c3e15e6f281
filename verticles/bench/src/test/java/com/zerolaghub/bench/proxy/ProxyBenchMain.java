package com.zerolaghub.bench.proxy;

import com.zerolaghub.events.testing.TestRedis;
import com.zerolaghub.proxy.impl.ide.RedisIdeGrants;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@link ProxyBench} here, on the embedded test Redis:
 * {@code java -cp <bench module test classpath> com.zerolaghub.bench.proxy.ProxyBenchMain [seconds] [rounds] [connections]
 * [extra proxy JVM flags, space-separated, e.g. -XX:StartFlightRecording=filename=p.jfr]}.
 */
public final class ProxyBenchMain {
  private ProxyBenchMain() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int connections = args.length > 2 ? Integer.parseInt(args[2]) : 64;
    List<String> jvmFlags = new ArrayList<>(ProxyBench.PROXY_JVM_FLAGS);
    if (args.length > 3) {
      jvmFlags.addAll(List.of(args[3].trim().split("\\s+")));
    }
    Vertx vertx = Vertx.vertx();
    Redis redis = Redis.createClient(vertx, TestRedis.uri());
    try {
      ProxyBench.Options options = new ProxyBench.Options(Duration.ofSeconds(15), Duration.ofSeconds(seconds), rounds,
          connections, 2, 1024, "wrk", "nginx", TestRedis.uri(), jvmFlags);
      List<ProxyBench.Run> runs = new ProxyBench(vertx, new RedisIdeGrants(redis, BenchGrantKey.BYTES), options).run();
      runs.forEach(run -> System.out.println(run.line()));
      ProxyBench.Medians nginx = ProxyBench.Medians.of(runs, "nginx");
      ProxyBench.Medians proxy = ProxyBench.Medians.of(runs, "proxy");
      System.out.println(ProxyBench.Medians.of(runs, "direct").line());
      System.out.println(nginx.line());
      System.out.println(proxy.line());
      System.out.println(ProxyBench.Ratios.of(proxy, nginx).line());
    } finally {
      redis.close();
      vertx.close().toCompletionStage().toCompletableFuture().get();
      System.exit(0); // the embedded Redis' shutdown hook stops it
    }
  }
}
