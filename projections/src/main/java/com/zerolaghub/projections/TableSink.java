package com.zerolaghub.projections;

import com.zerolaghub.events.Checkpoint;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.List;

/**
 * Lands batches in one generation of a PG-table projection: token first (compare-and-set, which
 * also locks out a concurrent processor of the same generation), then the rows, one commit.
 */
final class TableSink implements BatchSink {
  private final Pool pool;
  private final PgTokenStore tokens;
  private final TableProjection projection;
  private final int generation;
  private final String schema;

  TableSink(Pool pool, PgTokenStore tokens, TableProjection projection, int generation) {
    this.pool = pool;
    this.tokens = tokens;
    this.projection = projection;
    this.generation = generation;
    this.schema = ProjectionNames.schema(projection.name(), generation);
  }

  @Override
  public boolean handles(String eventType) {
    return projection.handles(eventType);
  }

  @Override
  public Future<Void> land(Checkpoint from, Checkpoint to, List<DecodedEvent> handled) {
    return pool.withTransaction(tx -> tokens.advance(tx, projection.name(), generation, from, to).compose(moved -> {
      if (!moved) {
        return Future.<Void>failedFuture(new TokenMoved("token of " + projection.name() + " generation " + generation + " is no longer at " + from));
      }
      return handled.isEmpty() ? Future.<Void>succeededFuture() : projection.apply(tx, schema, handled);
    }));
  }

  @Override
  public Future<Checkpoint> reload(Checkpoint current) {
    return tokens.load(projection.name(), generation).compose(cp -> cp != null
        ? Future.succeededFuture(cp)
        : Future.failedFuture(new Retired("generation " + generation + " of " + projection.name() + " has no token any more")));
  }

  @Override
  public Future<Void> recordFailure(long position, String reason) {
    return tokens.recordFailure(projection.name(), generation, position, reason).recover(err -> Future.succeededFuture());
  }
}
