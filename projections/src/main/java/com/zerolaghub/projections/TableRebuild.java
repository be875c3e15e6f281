package com.zerolaghub.projections;

import com.zerolaghub.events.Checkpoint;
import com.zerolaghub.projections.lease.RedisLease;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One rebuild of a PG-table projection, on whichever node was asked: take the projection's
 * rebuild lease (one rebuild at a time cluster-wide), drop leftovers of interrupted rebuilds,
 * create the next generation beside the serving one, fold the log into it from position 0,
 * swap it in when caught up (one transaction), drop the old generation. Readers query the
 * views throughout and see the old generation until the swap. On failure or a lost lease the
 * new generation is dropped and the serving one is untouched.
 */
final class TableRebuild {
  private static final Logger log = LoggerFactory.getLogger(TableRebuild.class);

  /** What the rebuild needs from the runner that owns it. */
  interface Host {
    TrackingProcessor processor(int generation, TrackingProcessor.Listener listener);

    /** The processor building the new generation (null once done), for status and lag. */
    void building(TrackingProcessor processor);

    /** The serving generation changed. */
    void swapped();

    boolean stopped();
  }

  private final TableProjection projection;
  private final String name;
  private final PgGenerations generations;
  private final RedisLease lease;
  private final Vertx vertx;
  private final BackOff retry;
  private final Host host;
  private final Promise<Void> done = Promise.promise();

  private TrackingProcessor builder;
  private int generation;
  private boolean swapping;
  private boolean finished;

  TableRebuild(TableProjection projection, PgGenerations generations, RedisLease lease, Vertx vertx, BackOff retry, Host host) {
    this.projection = projection;
    this.name = projection.name();
    this.generations = generations;
    this.lease = lease;
    this.vertx = vertx;
    this.retry = retry;
    this.host = host;
  }

  /** Completes once readers see the new generation. */
  Future<Void> run() {
    lease.hold(() -> abort(new IllegalStateException("rebuild lease of " + name + " lost")))
        .compose(held -> held
            ? generations.serving(name)
            : Future.failedFuture(new IllegalStateException("a rebuild of " + name + " is running on another node")))
        .compose(s -> s.active() == null
            ? Future.failedFuture(new IllegalStateException("no generation of " + name + " serves yet (first build running)"))
            : generations.dropInactive(name).compose(v -> generations.create(projection)))
        .onComplete(ar -> {
          if (ar.failed()) abort(ar.cause());
          else build(ar.result());
        });
    return done.future();
  }

  /** Gives up unless the swap is under way; completes when the rebuild has ended either way. */
  Future<Void> abort(Throwable cause) {
    if (finished || swapping) return done.future(); // a swap transaction decides by itself
    finished = true;
    log.warn("projection {}: rebuild abandoned: {}", name, cause.getMessage());
    TrackingProcessor b = builder;
    builder = null;
    host.building(null);
    (b == null ? Future.<Void>succeededFuture() : b.stop())
        .compose(v -> generation == 0 ? Future.<Void>succeededFuture() : generations.drop(name, generation))
        .recover(err -> Future.succeededFuture())
        .eventually(lease::stop)
        .onComplete(v -> done.fail(cause));
    return done.future();
  }

  private void build(int generation) {
    this.generation = generation;
    if (finished) {
      generations.drop(name, generation);
      return;
    }
    log.info("projection {}: rebuilding as generation {}", name, generation);
    builder = host.processor(generation, new TrackingProcessor.Listener() {
      @Override
      public void caughtUp(TrackingProcessor p) {
        swap();
      }

      @Override
      public void failed(TrackingProcessor p, Throwable cause) {
        abort(cause);
      }

      @Override
      public void retired(TrackingProcessor p) {
        abort(new IllegalStateException("generation " + generation + " of " + name + " was dropped during its rebuild"));
      }
    });
    host.building(builder);
    builder.start(Checkpoint.START);
  }

  private void swap() {
    if (finished) return;
    swapping = true;
    generations.activate(projection, generation).onComplete(ar -> {
      swapping = false;
      if (finished) return;
      if (ar.failed()) {
        if (ar.cause() instanceof BatchSink.Retired || host.stopped()) {
          abort(ar.cause());
        } else {
          log.debug("projection {}: swap to generation {} failed, retrying: {}", name, generation, ar.cause().toString());
          vertx.setTimer(retry.next(), id -> swap());
        }
        return;
      }
      finished = true;
      Integer old = ar.result();
      log.info("projection {}: generation {} serving (replaced {})", name, generation, old);
      TrackingProcessor b = builder;
      builder = null;
      host.building(null);
      host.swapped();
      b.stop()
          .compose(v -> old == null ? Future.<Void>succeededFuture() : generations.drop(name, old))
          .recover(err -> {
            log.warn("projection {}: old generation {} not dropped (the next rebuild drops it): {}", name, old, err.toString());
            return Future.succeededFuture();
          })
          .eventually(lease::stop)
          .onComplete(v -> done.complete());
    });
  }
}
