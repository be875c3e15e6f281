package com.zerolaghub.verticles.node;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * Named secret keys shared by every node through PostgreSQL ({@code platform_keys}): the first
 * node to ask makes one, every later ask on any node gets the same bytes.
 */
public final class PlatformKeys {
  /** Seals IDE grants in Redis. */
  public static final String IDE_GRANTS = "ide_grants";
  private static final int KEY_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Pool pool;

  public PlatformKeys(Pool pool) {
    this.pool = Objects.requireNonNull(pool, "pool");
  }

  public Future<byte[]> key(String name) {
    byte[] fresh = new byte[KEY_BYTES];
    RANDOM.nextBytes(fresh);
    return pool.preparedQuery("INSERT INTO platform_keys (name, secret) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING")
        .execute(Tuple.of(name, Buffer.buffer(fresh)))
        .compose(inserted -> pool.preparedQuery("SELECT secret FROM platform_keys WHERE name = $1").execute(Tuple.of(name)))
        .map(rows -> rows.iterator().next().getBuffer("secret").getBytes());
  }
}
