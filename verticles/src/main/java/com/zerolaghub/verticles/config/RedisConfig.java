package com.zerolaghub.verticles.config;

import io.vertx.core.json.JsonObject;

/**
 * The Redis that holds leases, wake-up queues and rate-limit counters (nothing that cannot be lost).
 *
 * @param uri connection string such as redis://:password@host:6379/0; empty starts an embedded Redis
 */
public record RedisConfig(String uri) {
  public static final String DEFAULT_URI = "";

  public RedisConfig {
    uri = uri == null ? "" : uri.trim();
    if (!uri.isEmpty() && !(uri.startsWith("redis://") || uri.startsWith("rediss://") || uri.startsWith("unix://"))) {
      throw new ConfigException("redis.uri must start with redis://, rediss:// or unix://");
    }
  }

  public static RedisConfig defaults() {
    return new RedisConfig(DEFAULT_URI);
  }

  static RedisConfig from(ConfigSection s) {
    return new RedisConfig(s.string("uri", DEFAULT_URI));
  }

  JsonObject toJson() {
    return new JsonObject().put("uri", uri);
  }

  public boolean embedded() {
    return uri.isEmpty();
  }

  @Override
  public String toString() {
    return "RedisConfig[uri=" + redacted(uri) + "]";
  }

  /** The URI with any user-info (which may carry a password) replaced. */
  static String redacted(String uri) {
    int scheme = uri.indexOf("://");
    int at = uri.lastIndexOf('@');
    if (scheme < 0 || at < scheme) return uri;
    return uri.substring(0, scheme + 3) + "***" + uri.substring(at);
  }
}
