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

  /** A builder holding the defaults. */
  public static Builder builder() {
    return defaults().toBuilder();
  }

  /** A builder holding these values, to change some keys by name. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Sets keys by name (the components above); {@link #build()} checks them as the constructor does. */
  public static final class Builder {
    private String host;
    private int port;
    private String database;
    private String user;
    private String password;
    private int poolSize;

    private Builder(DbConfig values) {
      host = values.host;
      port = values.port;
      database = values.database;
      user = values.user;
      password = values.password;
      poolSize = values.poolSize;
    }

    public Builder host(String host) {
      this.host = host;
      return this;
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder database(String database) {
      this.database = database;
      return this;
    }

    public Builder user(String user) {
      this.user = user;
      return this;
    }

    public Builder password(String password) {
      this.password = password;
      return this;
    }

    public Builder poolSize(int poolSize) {
      this.poolSize = poolSize;
      return this;
    }

    public DbConfig build() {
      return new DbConfig(host, port, database, user, password, poolSize);
    }
  }
}
