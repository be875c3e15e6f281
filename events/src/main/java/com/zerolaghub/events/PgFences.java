package com.zerolaghub.events;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

/**
 * Fencing tokens that only grow. A singleton's new holder calls {@link #advance} after winning
 * its lease and stamps what it appends with {@link EventMetadata#fencedBy}; from then on the
 * store refuses appends carrying any older token of that fence.
 */
public final class PgFences {
  private static final String ADVANCE =
      "INSERT INTO singleton_fences (name, token) VALUES ($1, 1) "
          + "ON CONFLICT (name) DO UPDATE SET token = singleton_fences.token + 1 RETURNING token";

  private final Pool pool;

  public PgFences(Pool pool) {
    this.pool = pool;
  }

  /** Takes the next token of {@code fence}; every earlier token is refused from now on. */
  public Future<Long> advance(String fence) {
    return pool.preparedQuery(ADVANCE).execute(Tuple.of(fence)).map(rows -> rows.iterator().next().getLong(0));
  }

  /** The current token of {@code fence}, or 0 if nobody took one yet. */
  public Future<Long> current(String fence) {
    return pool.preparedQuery("SELECT token FROM singleton_fences WHERE name = $1").execute(Tuple.of(fence))
        .map(rows -> rows.size() == 0 ? 0L : rows.iterator().next().getLong(0));
  }
}
