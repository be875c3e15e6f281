package com.zerolaghub.verticles.config;

import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;

/**
 * The PostgreSQL that holds the event log. With no host the node starts an embedded one.
 *
 * @param host     server host name; empty starts an embedded PostgreSQL under the data directory
 * @param port     server port
 * @param database database name
 * @param user     user name
 * @param password password (never logged)
 * @param poolSize connections in the node's pool
 */
public record DbConfig(String host, int port, String database, String user, String password, int poolSize) {
  public static final String DEFAULT_HOST = "";
  public static final int DEFAULT_PORT = 5432;
  public static final String DEFAULT_DATABASE = "zlh";
  public static final String DEFAULT_USER = "zlh";
  public static final String DEFAULT_PASSWORD = "";
  public static final int DEFAULT_POOL_SIZE = 16;

  public DbConfig {
    if (port < 1 || port > 65_535) throw new ConfigException("db.port must be between 1 and 65535, got " + port);
    if (database == null || database.isBlank()) throw new ConfigException("db.database must not be empty");
    if (user == null || user.isBlank()) throw new ConfigException("db.user must not be empty");
    if (poolSize < 1) throw new ConfigException("db.poolSize must be positive, got " + poolSize);
    host = host == null ? "" : host.trim();
    password = password == null ? "" : password;
  }

  public static DbConfig defaults() {
    return new DbConfig(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_DATABASE, DEFAULT_USER, DEFAULT_PASSWORD, DEFAULT_POOL_SIZE);
  }

  static DbConfig from(ConfigSection s) {
    return new DbConfig(
        s.string("host", DEFAULT_HOST), s.integer("port", DEFAULT_PORT), s.string("database", DEFAULT_DATABASE),
        s.string("user", DEFAULT_USER), s.string("password", DEFAULT_PASSWORD), s.integer("poolSize", DEFAULT_POOL_SIZE));
  }

  JsonObject toJson() {
    return new JsonObject().put("host", host).put("port", port).put("database", database)
        .put("user", user).put("password", password).put("poolSize", poolSize);
  }

  /** True when no external server is configured, so the node runs its own. */
  public boolean embedded() {
    return host.isEmpty();
  }

  /** The same settings pointing at another server (the embedded one, once started). */
  public DbConfig at(String host, int port, String user, String password) {
    return new DbConfig(host, port, database, user, password, poolSize);
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  public PgConnectOptions connectOptions() {
    return new PgConnectOptions().setHost(host).setPort(port).setDatabase(database).setUser(user)
        .setPassword(password);
  }

  @Override
  public String toString() {
    return "DbConfig[host=" + host + ", port=" + port + ", database=" + database + ", user=" + user
        + ", password=" + (password.isEmpty() ? "" : "***") + ", poolSize=" + poolSize + "]";
  }
}
