package com.zerolaghub.verticles.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.events.testing.TestRedis;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The node's Redis client under a burst, as a proxy sees one when many IDE requests arrive cold. */
@ExtendWith(VertxExtension.class)
class RedisClientBurstTest {

  @Test
  void aBurstOfCommandsAtOnceIsAnsweredNotRefused(Vertx vertx) throws Exception {
    Redis redis = Redis.createClient(vertx, new RedisConfig(TestRedis.uri()).clientOptions());
    try {
      List<Future<Response>> burst = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        burst.add(redis.send(Request.cmd(Command.GET).arg("zlh:test:burst:" + i)));
      }
      Future<?> all = Future.join(burst);
      all.toCompletionStage().toCompletableFuture().exceptionally(e -> null).get(30, TimeUnit.SECONDS);

      assertThat(burst).allSatisfy(f -> assertThat(f.succeeded())
          .as("command failed: %s", f.cause()).isTrue());
    } finally {
      redis.close();
    }
  }
}
