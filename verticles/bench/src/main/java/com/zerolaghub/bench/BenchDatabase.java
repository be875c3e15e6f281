package com.zerolaghub.bench;

import com.zerolaghub.events.impl.Migrations;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A throw-away embedded PostgreSQL for benchmarks, with durable commits (fsync and
 * synchronous_commit on) so numbers mean what production would see.
 */
final class BenchDatabase implements AutoCloseable {
  final EmbeddedPostgres pg;
  final Path dir;

  BenchDatabase() throws IOException {
    dir = Files.createTempDirectory("zlh-bench-pg");
    pg = EmbeddedPostgres.builder()
        .setDataDirectory(dir)
        .setCleanDataDirectory(true)
        .setServerConfig("fsync", "on")
        .setServerConfig("synchronous_commit", "on")
        .setServerConfig("max_connections", "200")
        .setServerConfig("shared_buffers", "256MB")
        .start();
    Migrations.migrate(jdbcUrl(), "postgres", "postgres");
  }

  String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres";
  }

  PgConnectOptions connectOptions() {
    return new PgConnectOptions().setHost("localhost").setPort(pg.getPort()).setDatabase("postgres")
        .setUser("postgres").setPassword("postgres").setCachePreparedStatements(true).setPipeliningLimit(1);
  }

  Pool pool(Vertx vertx, int size) {
    return PgBuilder.pool().with(new PoolOptions().setMaxSize(size)).connectingTo(connectOptions()).using(vertx).build();
  }

  @Override
  public void close() throws IOException {
    pg.close();
  }
}
