package com.zerolaghub.events.testing;

import com.zerolaghub.events.impl.Migrations;
import io.vertx.pgclient.PgConnectOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL per test JVM (embedded, from a Maven artifact); each test class gets its
 * own fresh, migrated database so classes never see each other's events.
 */
public final class TestPostgres {
  private static EmbeddedPostgres server;
  private static final AtomicInteger databases = new AtomicInteger();

  private TestPostgres() {}

  public static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder()
            .setServerConfig("max_connections", "300")
            .setServerConfig("fsync", "off")
            .start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          server.close();
        } catch (IOException ignored) {
          // the JVM is going away
        }
      }));
    }
    return server;
  }

  /** Creates and migrates a new database. */
  public static Database freshDatabase() {
    String name = "t" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
    try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    Database db = new Database(server().getPort(), name);
    Migrations.migrate(db.jdbcUrl(), db.user(), db.password());
    return db;
  }

  public record Database(int port, String name) {
    public String user() {
      return "postgres";
    }

    public String password() {
      return "postgres";
    }

    public String jdbcUrl() {
      return "jdbc:postgresql://localhost:" + port + "/" + name;
    }

    public PgConnectOptions connectOptions() {
      return new PgConnectOptions().setHost("localhost").setPort(port).setDatabase(name)
          .setUser(user()).setPassword(password());
    }

    public Connection jdbc() throws SQLException {
      return DriverManager.getConnection(jdbcUrl(), user(), password());
    }
  }
}
