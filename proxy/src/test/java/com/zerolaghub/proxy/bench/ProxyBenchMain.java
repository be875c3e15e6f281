package com.zerolaghub.proxy.bench;

import com.zerolaghub.events.testing.TestRedis;
import com.zerolaghub.proxy.ide.RedisIdeGrants;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.time.Duration;

/**
 * Runs {@link ProxyBench} here, on the embedded test Redis:
 * {@code java -cp <proxy test classpath> com.zerolaghub.proxy.bench.ProxyBenchMain [seconds] [connections]}.
 */
public final class ProxyBenchMain {
  private ProxyBenchMain() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int connections = args.length > 1 ? Integer.parseInt(args[1]) : 64;
    Vertx vertx = Vertx.vertx();
    Redis redis = Redis.createClient(vertx, TestRedis.uri());
    try {
      ProxyBench.Options options = new ProxyBench.Options(Duration.ofSeconds(5), Duration.ofSeconds(seconds), 2, connections, 2, 1024, "wrk", "nginx");
      for (WrkResult result : new ProxyBench(vertx, new RedisIdeGrants(redis, com.zerolaghub.proxy.bench.BenchGrantKey.BYTES), options).run()) {
        System.out.println(result.line());
      }
    } finally {
      redis.close();
      vertx.close().toCompletionStage().toCompletableFuture().get();
      System.exit(0); // the embedded Redis' shutdown hook stops it
    }
  }
}
