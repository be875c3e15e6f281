package com.zerolaghub.verticles.accounts;

import com.zerolaghub.events.Checkpoint;
import com.zerolaghub.projections.accounts.SessionDirectory;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.time.Duration;
import java.util.Iterator;

/**
 * Brings this node's session directory up to the log's visible head, once, before a token it
 * does not know is refused: behind a load balancer the login may have been answered by another
 * node a few milliseconds ago, and a 401 would sign the person out. Costs one indexed query, and
 * only for unknown tokens; known ones are still answered from memory.
 */
final class SessionCatchUp {
  /** The readers' visibility rule: only transactions older than every running one. */
  static final String HEAD = "SELECT tx_id::text AS tx, position FROM event_log"
      + " WHERE tx_id < pg_snapshot_xmin(pg_current_snapshot()) ORDER BY tx_id DESC, position DESC LIMIT 1";
  /** Longest wait for the directory; after it the token is judged on what the node has. */
  static final Duration WAIT = Duration.ofSeconds(2);

  private final Vertx vertx;
  private final Pool pool;
  private final SessionDirectory directory;

  SessionCatchUp(Vertx vertx, Pool pool, SessionDirectory directory) {
    this.vertx = vertx;
    this.pool = pool;
    this.directory = directory;
  }

  /** Completes once the directory holds the head as of now, or after {@link #WAIT}; never fails. */
  Future<Void> toHead() {
    Promise<Void> done = Promise.promise();
    long timer = vertx.setTimer(WAIT.toMillis(), t -> done.tryComplete());
    pool.query(HEAD).execute()
        .compose(rows -> {
          Iterator<Row> it = rows.iterator();
          if (!it.hasNext()) return Future.<Void>succeededFuture();
          Row head = it.next();
          return directory.whenApplied(new Checkpoint(Long.parseLong(head.getString("tx")), head.getLong("position")));
        })
        .onComplete(ar -> {
          vertx.cancelTimer(timer);
          done.tryComplete();
        });
    return done.future();
  }
}
