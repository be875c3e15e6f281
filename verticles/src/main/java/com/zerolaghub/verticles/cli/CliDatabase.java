package com.zerolaghub.verticles.cli;

import com.zerolaghub.verticles.config.DbConfig;
import com.zerolaghub.verticles.config.PlatformConfig;
import com.zerolaghub.verticles.embedded.EmbeddedInfra;
import com.zerolaghub.verticles.embedded.EmbeddedPostgresServer;
import java.util.Optional;

/**
 * The database an operator command works on: the configured one; in embedded mode the running
 * node's embedded PostgreSQL (found by its remembered port), or one this command starts on the
 * same data directory and stops when done.
 */
final class CliDatabase implements AutoCloseable {
  private final DbConfig db;
  private final EmbeddedPostgresServer owned;

  private CliDatabase(DbConfig db, EmbeddedPostgresServer owned) {
    this.db = db;
    this.owned = owned;
  }

  static CliDatabase open(PlatformConfig config) {
    if (!config.db().embedded()) return new CliDatabase(config.db(), null);
    Optional<Integer> running = EmbeddedPostgresServer.runningPort(config.data().path());
    if (running.isPresent()) return new CliDatabase(EmbeddedInfra.embeddedDb(config.db(), running.get()), null);
    EmbeddedPostgresServer server = EmbeddedPostgresServer.start(config.data().path(), config.db().database());
    return new CliDatabase(EmbeddedInfra.embeddedDb(config.db(), server.port()), server);
  }

  DbConfig db() {
    return db;
  }

  @Override
  public void close() {
    if (owned != null) owned.close();
  }
}
