package com.zerolaghub.verticles.cli;

import com.zerolaghub.verticles.config.PlatformConfig;
import com.zerolaghub.verticles.embedded.EmbeddedPostgresServer;
import com.zerolaghub.verticles.embedded.EmbeddedRedisServer;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code zlh services}: the embedded PostgreSQL and Redis a node would start, in a process of
 * their own, so several nodes share them and killing a node leaves them running.
 */
@Command(name = "services", mixinStandardHelpOptions = true,
    description = {
        "Runs the embedded PostgreSQL (data in --data-dir) and Redis until SIGTERM/SIGINT, for nodes to share.",
        "Prints one JSON line with their addresses; nodes take them as db.host/db.port/db.user and redis.uri."})
final class ServicesCommand implements Callable<Integer> {
  @Mixin ConfigOptions config;
  @Spec CommandSpec spec;

  @Option(names = "--postgres-port", paramLabel = "PORT",
      description = "Port of PostgreSQL (default: the one remembered in the data directory, else a free one).")
  int postgresPort;

  @Option(names = "--redis-port", paramLabel = "PORT",
      description = "Port of Redis (default: the one remembered in the data directory, else a free one).")
  int redisPort;

  @Override
  public Integer call() throws Exception {
    PlatformConfig cfg = config.load(null);
    EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(cfg.data().path(), cfg.db().database(), postgresPort);
    EmbeddedRedisServer redis;
    try {
      redis = EmbeddedRedisServer.start(cfg.data().path(), redisPort);
    } catch (RuntimeException e) {
      postgres.close();
      throw e;
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(new JsonObject()
        .put("postgres", new JsonObject().put("host", "localhost").put("port", postgres.port())
            .put("user", EmbeddedPostgresServer.USER).put("database", cfg.db().database()))
        .put("redis", new JsonObject().put("uri", redis.uri()))
        .encode());
    out.flush();
    UntilSignalled.await(() -> {
      try {
        redis.close();
      } finally {
        postgres.close();
      }
    });
    return 0;
  }
}
