package com.zerolaghub.verticles.config;

import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisOptions;

/**
 * The Redis that holds leases, wake-up queues and rate-limit counters (nothing that cannot be lost).
 *
 * @param uri connection string such as redis://:password@host:6379/0; empty starts an embedded Redis
 * @param maxPoolSize connections the node's client opens at most
 * @param maxPoolWaiting commands that may wait for a free connection before one fails at once
 *     (the client's own default, 24, turned a burst of cold IDE requests into 503s)
 */
public record RedisConfig(String uri, int maxPoolSize, int maxPoolWaiting) {
  public static final String DEFAULT_URI = "";
  public static final int DEFAULT_MAX_POOL_SIZE = 16;
  public static final int DEFAULT_MAX_POOL_WAITING = 4096;

  public RedisConfig(String uri) {
    this(uri, DEFAULT_MAX_POOL_SIZE, DEFAULT_MAX_POOL_WAITING);
  }

  public RedisConfig {
    if (maxPoolSize < 1) throw new ConfigException("redis.maxPoolSize must be at least 1");
    if (maxPoolWaiting < 0) throw new ConfigException("redis.maxPoolWaiting must not be negative");
    uri = uri == null ? "" : uri.trim();
    if (!uri.isEmpty() && !(uri.startsWith("redis://") || uri.startsWith("rediss://") || uri.startsWith("unix://"))) {
      throw new ConfigException("redis.uri must start with redis://, rediss:// or unix://");
    }
  }

  public static RedisConfig defaults() {
    return new RedisConfig(DEFAULT_URI);
  }

  static RedisConfig from(ConfigSection s) {
    return new RedisConfig(s.string("uri", DEFAULT_URI), s.integer("maxPoolSize", DEFAULT_MAX_POOL_SIZE),
        s.integer("maxPoolWaiting", DEFAULT_MAX_POOL_WAITING));
  }

  JsonObject toJson() {
    return new JsonObject().put("uri", uri).put("maxPoolSize", maxPoolSize).put("maxPoolWaiting", maxPoolWaiting);
  }

  /** The client options a node connects with. */
  public RedisOptions clientOptions() {
    return new RedisOptions().setConnectionString(uri).setMaxPoolSize(maxPoolSize).setMaxPoolWaiting(maxPoolWaiting);
  }

  public boolean embedded() {
    return uri.isEmpty();
  }

  @Override
  public String toString() {
    return "RedisConfig[uri=" + redacted(uri) + ", maxPoolSize=" + maxPoolSize + ", maxPoolWaiting=" + maxPoolWaiting + "]";
  }

  /** The URI with any user-info (which may carry a password) replaced. */
  static String redacted(String uri) {
    int scheme = uri.indexOf("://");
    int at = uri.lastIndexOf('@');
    if (scheme < 0 || at < scheme) return uri;
    return uri.substring(0, scheme + 3) + "***" + uri.substring(at);
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
    private String uri;
    private int maxPoolSize;
    private int maxPoolWaiting;

    private Builder(RedisConfig values) {
      uri = values.uri;
      maxPoolSize = values.maxPoolSize;
      maxPoolWaiting = values.maxPoolWaiting;
    }

    public Builder uri(String uri) {
      this.uri = uri;
      return this;
    }

    public Builder maxPoolSize(int maxPoolSize) {
      this.maxPoolSize = maxPoolSize;
      return this;
    }

    public Builder maxPoolWaiting(int maxPoolWaiting) {
      this.maxPoolWaiting = maxPoolWaiting;
      return this;
    }

    public RedisConfig build() {
      return new RedisConfig(uri, maxPoolSize, maxPoolWaiting);
    }
  }
}
