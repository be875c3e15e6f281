package com.zerolaghub.projections;

import com.zerolaghub.events.Checkpoint;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

/** Tokens of PG-table projections: one row per (projection, generation) in projection_token. */
final class PgTokenStore {
  private static final String LOAD =
      "SELECT checkpoint_tx, checkpoint_pos FROM projection_token WHERE name = $1 AND generation = $2";
  // Compare-and-set: moves the token only from the checkpoint the batch was read after. The row
  // lock it takes also makes a second processor of the same generation wait, then miss.
  private static final String ADVANCE =
      "UPDATE projection_token SET checkpoint_tx = $5, checkpoint_pos = $6, updated_at = now(), "
          + "failed_position = NULL, failure = NULL "
          + "WHERE name = $1 AND generation = $2 AND checkpoint_tx = $3 AND checkpoint_pos = $4";
  private static final String RECORD_FAILURE =
      "UPDATE projection_token SET failed_position = $3, failure = $4, updated_at = now() WHERE name = $1 AND generation = $2";

  private final Pool pool;

  PgTokenStore(Pool pool) {
    this.pool = pool;
  }

  /** The stored checkpoint, or null when the generation has no token (retired or never made). */
  Future<Checkpoint> load(String name, int generation) {
    return pool.preparedQuery(LOAD).execute(Tuple.of(name, generation)).map(rows -> {
      if (rows.size() == 0) return null;
      Row row = rows.iterator().next();
      return new Checkpoint(row.getLong(0), row.getLong(1));
    });
  }

  /** Moves the token inside {@code tx}; false when it was not at {@code from}. */
  Future<Boolean> advance(SqlConnection tx, String name, int generation, Checkpoint from, Checkpoint to) {
    return tx.preparedQuery(ADVANCE)
        .execute(Tuple.of(name, generation, from.txId(), from.position(), to.txId(), to.position()))
        .map(rows -> rows.rowCount() == 1);
  }

  Future<Void> recordFailure(String name, int generation, long position, String reason) {
    return pool.preparedQuery(RECORD_FAILURE).execute(Tuple.of(name, generation, position, reason)).mapEmpty();
  }
}
