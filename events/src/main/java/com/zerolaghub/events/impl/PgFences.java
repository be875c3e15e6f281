package com.zerolaghub.events.impl;

import com.zerolaghub.events.Fences;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

/** {@link Fences} in the {@code singleton_fences} table, beside the log the tokens guard. */
public final class PgFences implements Fences {
  private static final String ADVANCE =
      "INSERT INTO singleton_fences (name, token) VALUES ($1, 1) "
          + "ON CONFLICT (name) DO UPDATE SET token = singleton_fences.token + 1 RETURNING token";

  private final Pool pool;

  public PgFences(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Long> advance(String fence) {
    return pool.preparedQuery(ADVANCE).execute(Tuple.of(fence)).map(rows -> rows.iterator().next().getLong(0));
  }

  @Override
  public Future<Long> current(String fence) {
    return pool.preparedQuery("SELECT token FROM singleton_fences WHERE name = $1").execute(Tuple.of(fence))
        .map(rows -> rows.size() == 0 ? 0L : rows.iterator().next().getLong(0));
  }
}
