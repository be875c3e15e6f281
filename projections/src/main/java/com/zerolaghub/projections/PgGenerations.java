package com.zerolaghub.projections;

import com.zerolaghub.events.Checkpoint;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/**
 * Generations of PG-table projections: each lives in schema {@code proj_<name>_g<N>} with a
 * token row; readers see the active one through the views {@code public.<table>}.
 */
final class PgGenerations {
  private static final String SERVING =
      "SELECT g.active_generation, t.checkpoint_tx, t.checkpoint_pos, t.failed_position, t.failure "
          + "FROM projection_generation g "
          + "LEFT JOIN projection_token t ON t.name = g.name AND t.generation = g.active_generation "
          + "WHERE g.name = $1";
  private static final String LATEST_TOKEN =
      "SELECT max(generation) FROM projection_token WHERE name = $1";
  private static final String ALLOCATE =
      "INSERT INTO projection_generation (name, last_generation) VALUES ($1, 1) "
          + "ON CONFLICT (name) DO UPDATE SET last_generation = projection_generation.last_generation + 1 "
          + "RETURNING last_generation";
  private static final String INSERT_TOKEN = "INSERT INTO projection_token (name, generation) VALUES ($1, $2)";
  private static final String LOCK_GENERATION =
      "SELECT active_generation FROM projection_generation WHERE name = $1 FOR UPDATE";
  private static final String LOCK_TOKEN =
      "SELECT 1 FROM projection_token WHERE name = $1 AND generation = $2 FOR SHARE";
  private static final String DELETE_TOKEN = "DELETE FROM projection_token WHERE name = $1 AND generation = $2";
  private static final String DELETE_OTHER_TOKENS = "DELETE FROM projection_token WHERE name = $1 AND generation <> $2";
  private static final String SET_ACTIVE =
      "UPDATE projection_generation SET active_generation = $2, activated_at = now() WHERE name = $1";
  private static final String SCHEMAS =
      "SELECT nspname FROM pg_namespace WHERE nspname ~ ('^proj_' || $1 || '_g[0-9]+$') "
          + "UNION SELECT 'proj_' || name || '_g' || generation FROM projection_token WHERE name = $1";

  // DROP ... IF EXISTS / CASCADE report NOTICEs that the client would log as warnings.
  private static final String QUIET = "SET LOCAL client_min_messages = warning;";

  private final Pool pool;

  PgGenerations(Pool pool) {
    this.pool = pool;
  }

  /** The generation readers see and its stored token; active is null before the first swap. */
  record Serving(Integer active, Checkpoint checkpoint, Long failedPosition, String failure) {
    static final Serving NONE = new Serving(null, null, null, null);
  }

  Future<Serving> serving(String name) {
    return pool.preparedQuery(SERVING).execute(Tuple.of(name)).map(rows -> {
      if (rows.size() == 0) return Serving.NONE;
      Row row = rows.iterator().next();
      Integer active = row.getInteger(0);
      Long tx = row.getLong(1);
      Checkpoint cp = tx == null ? null : new Checkpoint(tx, row.getLong(2));
      return new Serving(active, cp, row.getLong(3), row.getString(4));
    });
  }

  /** The newest generation with a token (a build in progress when none is active), or null. */
  Future<Integer> latest(String name) {
    return pool.preparedQuery(LATEST_TOKEN).execute(Tuple.of(name)).map(rows -> rows.iterator().next().getInteger(0));
  }

  /** Allocates the next generation and creates its schema, tables and token in one transaction. */
  Future<Integer> create(TableProjection projection) {
    String name = projection.name();
    return pool.withTransaction(tx -> tx.preparedQuery(ALLOCATE).execute(Tuple.of(name)).compose(rows -> {
      int generation = rows.iterator().next().getInteger(0);
      String schema = ProjectionNames.schema(name, generation);
      return tx.query("CREATE SCHEMA " + schema).execute()
          .compose(v -> tx.query(projection.ddl(schema)).execute())
          .compose(v -> tx.preparedQuery(INSERT_TOKEN).execute(Tuple.of(name, generation)))
          .map(generation);
    }));
  }

  /**
   * Serves {@code generation}: in one transaction, retires the active generation's token
   * (waiting for a batch in flight on it), re-points every {@code public.<table>} view and marks
   * the generation active. Answers the generation it replaced (null on the first swap); its
   * schema is left for {@link #drop}. Fails with {@link BatchSink.Retired} when the new
   * generation's token is gone (someone else dropped this build).
   */
  Future<Integer> activate(TableProjection projection, int generation) {
    String name = projection.name();
    return pool.withTransaction(tx -> tx.preparedQuery(LOCK_GENERATION).execute(Tuple.of(name)).compose(rows -> {
      Integer old = rows.size() == 0 ? null : rows.iterator().next().getInteger(0);
      Future<?> retireOld = old == null || old == generation
          ? Future.succeededFuture()
          : tx.preparedQuery(DELETE_TOKEN).execute(Tuple.of(name, old));
      return retireOld
          .compose(v -> tx.preparedQuery(LOCK_TOKEN).execute(Tuple.of(name, generation)))
          .compose(tokens -> tokens.size() == 0
              ? Future.failedFuture(new BatchSink.Retired("generation " + generation + " of " + name + " was dropped before its swap"))
              : tx.query(views(projection, generation)).execute())
          .compose(v -> tx.preparedQuery(SET_ACTIVE).execute(Tuple.of(name, generation)))
          .map(old);
    }));
  }

  /** Drops a generation's schema and token; refuses the active generation. */
  Future<Void> drop(String name, int generation) {
    return pool.withTransaction(tx -> tx.preparedQuery(LOCK_GENERATION).execute(Tuple.of(name)).compose(rows -> {
      Integer active = rows.size() == 0 ? null : rows.iterator().next().getInteger(0);
      if (active != null && active == generation) {
        return Future.failedFuture(new IllegalStateException("generation " + generation + " of " + name + " is serving"));
      }
      return tx.query(QUIET + "DROP SCHEMA IF EXISTS " + ProjectionNames.schema(name, generation) + " CASCADE").execute()
          .compose(v -> tx.preparedQuery(DELETE_TOKEN).execute(Tuple.of(name, generation)))
          .mapEmpty();
    }));
  }

  /**
   * Drops every generation of {@code name} but the active one: leftovers of interrupted
   * rebuilds. Does nothing while none is active (a first build may be running).
   */
  Future<Void> dropInactive(String name) {
    return pool.withTransaction(tx -> tx.preparedQuery(LOCK_GENERATION).execute(Tuple.of(name)).compose(rows -> {
      Integer active = rows.size() == 0 ? null : rows.iterator().next().getInteger(0);
      if (active == null) return Future.succeededFuture();
      String kept = ProjectionNames.schema(name, active);
      return tx.preparedQuery(SCHEMAS).execute(Tuple.of(name)).compose(schemas -> {
        StringBuilder sql = new StringBuilder(QUIET);
        for (Row row : schemas) {
          if (!row.getString(0).equals(kept)) sql.append("DROP SCHEMA IF EXISTS ").append(row.getString(0)).append(" CASCADE;");
        }
        return tx.query(sql.toString()).execute();
      }).compose(v -> tx.preparedQuery(DELETE_OTHER_TOKENS).execute(Tuple.of(name, active))).mapEmpty();
    }));
  }

  private static String views(TableProjection projection, int generation) {
    String schema = ProjectionNames.schema(projection.name(), generation);
    StringBuilder sql = new StringBuilder(QUIET);
    for (String table : projection.tables()) {
      ProjectionNames.checked("table name", table);
      sql.append("DROP VIEW IF EXISTS public.").append(table).append(";")
          .append("CREATE VIEW public.").append(table).append(" AS SELECT * FROM ").append(schema).append('.').append(table).append(";");
    }
    return sql.toString();
  }
}
