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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL from a Maven artifact, with its data in {@code <data-dir>/postgres}. The
 * directory is kept across restarts (every event survives) and commits are synchronous, so an
 * acknowledged append is on disk. Listens on localhost only, on a remembered port. One live
 * process at a time runs it ({@link OwnerLock}); it stops within a second of that process's death,
 * SIGKILL included, and a start stops what a dead process left ({@link PidFileProcess}).
 * Start and stop block: call them off the event loop.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
  public static final String USER = "postgres";
  static final String PORT_FILE = "embedded-postgres.port";
  private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  /** Held while this JVM runs the server; names its pid. */
  static final String LOCK_FILE = "embedded-postgres.lock";
  /** What the watches of both embedded servers did, appended. */
  static final String WATCH_LOG = "embedded-watch.log";
  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

  private final EmbeddedPostgres postgres;
  private final PidFileProcess.Watch watch;
  private final OwnerLock owner;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres, PidFileProcess.Watch watch, OwnerLock owner) {
    this.postgres = postgres;
    this.watch = watch;
    this.owner = owner;
  }

  public static EmbeddedPostgresServer start(Path dataDir, String database) {
    return start(dataDir, database, 0);
  }

  /**
   * Starts on {@code port}, or on the remembered (else a free) port when it is 0. Refuses at once
   * when a live process runs this data directory's PostgreSQL; first stops one a dead node left.
   */
  public static EmbeddedPostgresServer start(Path dataDir, String database, int port) {
    Path pgData = dataDir.resolve("postgres");
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data directory " + dataDir + ": " + e.getMessage(), e);
    }
    OwnerLock owner = OwnerLock.acquire(dataDir.resolve(LOCK_FILE), dataDir, "PostgreSQL");
    PidFileProcess.Watch watch = null;
    EmbeddedPostgres postgres = null;
    try {
      if (OwnerLock.heldElsewhere(pgData.resolve("epg-lock"))) {
        throw new IllegalStateException("data directory " + dataDir + " is in use by a running process (it holds "
            + pgData.resolve("epg-lock") + "): stop it first, or use another --data-dir");
      }
      PidFileProcess process = process(dataDir);
      if (process.stopLeftover()) {
        log.warn("stopped the embedded PostgreSQL a node that is gone left running on {}", pgData);
      }
      watch = process.watchThisJvm();
      postgres = EmbeddedPostgres.builder()
          .setDataDirectory(pgData)
          .setCleanDataDirectory(false)
          .setPort(port != 0 ? RememberedPort.remember(dataDir.resolve(PORT_FILE), port)
              : RememberedPort.choose(dataDir.resolve(PORT_FILE)))
          .setServerConfig("synchronous_commit", "on")
          .setServerConfig("max_connections", "200")
          .setPGStartupWait(Duration.ofSeconds(60))
          .start();
      EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, watch, owner);
      server.ensureDatabase(database);
      return server;
    } catch (IOException | RuntimeException e) {
      closeQuietly(postgres);
      if (watch != null) {
        watch.release();
        stopQuietly(process(dataDir)); // a postmaster a failed start left behind (the library does not stop it)
      }
      owner.close();
      if (e instanceof IOException io) {
        throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + pgData + ": " + io.getMessage(), io);
      }
      throw (RuntimeException) e;
    }
  }

  /** The server as its pid file names it: fast shutdown (SIGINT), immediate (SIGQUIT) after 10 s. */
  static PidFileProcess process(Path dataDir) {
    return new PidFileProcess(dataDir.resolve("postgres").resolve("postmaster.pid"), "postgres", "INT", "QUIT", 100,
        dataDir.resolve(WATCH_LOG));
  }

  private static void stopQuietly(PidFileProcess process) {
    try {
      if (process.stopLeftover()) log.warn("stopped the embedded PostgreSQL a failed start left running");
    } catch (RuntimeException e) {
      log.warn("cannot stop the embedded PostgreSQL after a failed start: {}", e.toString());
    }
  }

  private static void closeQuietly(EmbeddedPostgres postgres) {
    if (postgres == null) return;
    try {
      postgres.close();
    } catch (IOException | RuntimeException e) {
      log.warn("cannot stop the embedded PostgreSQL after a failed start: {}", e.toString());
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

  /** Stops the server, then ends its watch and frees the data directory. */
  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stop the embedded PostgreSQL", e);
    } finally {
      watch.release();
      owner.close();
    }
  }
}
