package com.zerolaghub.verticles.embedded;

import com.zerolaghub.verticles.config.DbConfig;
import com.zerolaghub.verticles.config.PlatformConfig;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the embedded PostgreSQL and Redis the configuration leaves unconfigured (no
 * {@code db.host}, no {@code redis.uri}) and tells where they listen. Blocking.
 */
public final class EmbeddedInfra implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedInfra.class);

  private final EmbeddedPostgresServer postgres;
  private final EmbeddedRedisServer redis;
  private final PlatformConfig resolved;

  private EmbeddedInfra(EmbeddedPostgresServer postgres, EmbeddedRedisServer redis, PlatformConfig resolved) {
    this.postgres = postgres;
    this.redis = redis;
    this.resolved = resolved;
  }

  public static EmbeddedInfra start(PlatformConfig config) {
    Path dataDir = config.data().path();
    EmbeddedPostgresServer postgres = null;
    EmbeddedRedisServer redis = null;
    PlatformConfig resolved = config;
    try {
      if (config.db().embedded()) {
        long t0 = System.nanoTime();
        postgres = EmbeddedPostgresServer.start(dataDir, config.db().database());
        DbConfig db = embeddedDb(config.db(), postgres.port());
        resolved = resolved.with(c -> c.db(db));
        log.info("embedded PostgreSQL on localhost:{} with data in {} ({} ms)", postgres.port(), dataDir.resolve("postgres"),
            (System.nanoTime() - t0) / 1_000_000);
      }
      if (config.redis().embedded()) {
        long t0 = System.nanoTime();
        redis = EmbeddedRedisServer.start(dataDir);
        String redisUri = redis.uri();
        resolved = resolved.with(c -> c.redis(r -> r.uri(redisUri)));
        log.info("embedded Redis at {} ({} ms)", redis.uri(), (System.nanoTime() - t0) / 1_000_000);
      }
      return new EmbeddedInfra(postgres, redis, resolved);
    } catch (RuntimeException e) {
      if (redis != null) redis.close();
      if (postgres != null) postgres.close();
      throw e;
    }
  }

  /** The configuration with the embedded servers' addresses filled in. */
  public PlatformConfig resolved() {
    return resolved;
  }

  public boolean runsPostgres() {
    return postgres != null;
  }

  public boolean runsRedis() {
    return redis != null;
  }

  @Override
  public void close() {
    RuntimeException first = null;
    if (redis != null) {
      try {
        redis.close();
      } catch (RuntimeException e) {
        first = e;
      }
    }
    if (postgres != null) {
      try {
        postgres.close();
      } catch (RuntimeException e) {
        if (first == null) first = e; else first.addSuppressed(e);
      }
    }
    if (first != null) throw first;
  }

  /** The db config to reach an embedded PostgreSQL on {@code port}. */
  public static DbConfig embeddedDb(DbConfig configured, int port) {
    return configured.at("localhost", port, EmbeddedPostgresServer.USER, "");
  }
}
