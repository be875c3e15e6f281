package com.zerolaghub.verticles.controller;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's consumer of the repair queue (nodes with the workers role): takes a few messages
 * at a time, runs each repair, acknowledges it. Every few seconds it also takes over messages a
 * dead consumer left unacknowledged. Confined to the context {@link #start} runs on.
 */
final class RepairConsumer {
  static final long POLL_MS = 200;
  static final long RECLAIM_EVERY_MS = 5_000;
  static final long RECLAIM_IDLE_MS = 30_000;
  private static final Logger log = LoggerFactory.getLogger(RepairConsumer.class);

  private final Vertx vertx;
  private final RepairQueue queue;
  private final RepairWorker worker;
  private final String consumer;

  private Context context;
  private long timer = -1;
  private boolean busy;
  private boolean stopped;
  private long lastReclaim;
  private Promise<Void> idle;
  private volatile boolean paused;

  RepairConsumer(Vertx vertx, RepairQueue queue, RepairWorker worker, String consumer) {
    this.vertx = vertx;
    this.queue = queue;
    this.worker = worker;
    this.consumer = consumer;
  }

  Future<Void> start() {
    context = vertx.getOrCreateContext();
    Promise<Void> started = Promise.promise();
    context.runOnContext(v -> queue.ensureGroup().onComplete(ar -> {
      if (ar.failed()) log.warn("repair queue group not created yet: {}", ar.cause().getMessage());
      timer = vertx.setPeriodic(POLL_MS, id -> poll());
      started.complete();
    }));
    return started.future();
  }

  Future<Void> stop() {
    if (context == null) return Future.succeededFuture();
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      stopped = true;
      if (timer >= 0) vertx.cancelTimer(timer);
      Future<Void> drained = busy ? (idle = Promise.promise()).future() : Future.succeededFuture();
      drained.timeout(3, TimeUnit.SECONDS).recover(e -> Future.succeededFuture()).onComplete(done);
    });
    return done.future();
  }

  /** A repair was just queued (safe from any thread): look now rather than at the next poll. */
  void wake() {
    Context c = context;
    if (c != null) c.runOnContext(v -> poll());
  }

  /** Stops taking messages while paused; queued ones wait (the log keeps them pending). */
  void pause(boolean paused) {
    this.paused = paused;
  }

  private void poll() {
    if (busy || stopped || paused) return;
    busy = true;
    long now = System.currentTimeMillis();
    Future<List<RepairQueue.Delivery>> taken;
    if (now - lastReclaim >= RECLAIM_EVERY_MS) {
      lastReclaim = now;
      taken = queue.reclaim(consumer, RECLAIM_IDLE_MS, 8).compose(old -> old.isEmpty() ? queue.take(consumer, 8)
          : Future.succeededFuture(old));
    } else {
      taken = queue.take(consumer, 8);
    }
    taken.compose(this::runAll).onComplete(ar -> {
      if (ar.failed()) log.debug("repair queue: {}", ar.cause().getMessage());
      busy = false;
      if (idle != null) idle.tryComplete();
      if (ar.succeeded() && ar.result() > 0 && !stopped) poll(); // maybe more waiting
    });
  }

  private Future<Integer> runAll(List<RepairQueue.Delivery> deliveries) {
    Future<Integer> chain = Future.succeededFuture(0);
    for (RepairQueue.Delivery d : deliveries) {
      chain = chain.compose(n -> worker.run(d.repairId())
          .recover(err -> {
            // unacknowledged, it is taken over later; the log still lists it as pending
            log.warn("repair {} not run: {}", d.repairId(), err.getMessage());
            return Future.failedFuture(err);
          })
          .compose(done -> queue.ack(d.entryId()))
          .map(v -> n + 1)
          .recover(err -> Future.succeededFuture(n)));
    }
    return chain;
  }
}
