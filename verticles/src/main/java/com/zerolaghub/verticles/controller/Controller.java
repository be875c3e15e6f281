package com.zerolaghub.verticles.controller;

import com.zerolaghub.events.FencedOutException;
import com.zerolaghub.projections.lease.FencedLease;
import com.zerolaghub.projections.controller.DriftBoard;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The singleton controller of this node: keeps trying for the controller lease; while it holds
 * it, runs a drift pass every {@code passIntervalMs} and soon after relevant events (never two at
 * once, at least {@code minGapMs} apart), and queues the live repairs it planned. The last pass's summary
 * goes to Redis so every node's admin API can show it. Confined to the context {@link #start}
 * runs on.
 */
final class Controller {
  static final String LAST_PASS_KEY = "zlh:controller:last-pass";
  private static final Logger log = LoggerFactory.getLogger(Controller.class);

  private final Vertx vertx;
  private final Redis redis;
  private final FencedLease lease;
  private final DriftPass pass;
  private final RepairQueue queue;
  private final Runnable queued;
  private final long intervalMs;
  private final long minGapMs;
  private final String owner;

  private Context context;
  private boolean leader;
  private long token;
  private boolean running;
  private boolean again;
  private long periodic = -1;
  private long soon = -1;
  private long lastStartedAt;
  private volatile JsonObject lastPass;
  private Promise<Void> idle;
  private boolean closing;
  /** Callers of {@link #passOnce} waiting for the next pass to end. */
  private final List<Promise<JsonObject>> waiting = new ArrayList<>();
  private volatile int fencedOut;
  private volatile long lastPassEndedAt;
  private volatile long lastPassDurationMs;

  /** {@code queued}: told after repairs were queued (this node's consumer looks at once). */
  Controller(Vertx vertx, Redis redis, FencedLease lease, DriftPass pass, RepairQueue queue, Runnable queued,
             long intervalMs, long minGapMs, String owner) {
    this.vertx = vertx;
    this.redis = redis;
    this.lease = lease;
    this.pass = pass;
    this.queue = queue;
    this.queued = queued;
    this.intervalMs = intervalMs;
    this.minGapMs = minGapMs;
    this.owner = owner;
  }

  Future<Void> start() {
    context = vertx.getOrCreateContext();
    Promise<Void> started = Promise.promise();
    context.runOnContext(v -> {
      lease.keep(this::elected, this::deposed);
      periodic = vertx.setPeriodic(intervalMs, id -> passNow());
      started.complete();
    });
    return started.future();
  }

  Future<Void> stop() {
    if (context == null) return Future.succeededFuture();
    Promise<Void> stopped = Promise.promise();
    context.runOnContext(v -> {
      leader = false;
      closing = true;
      if (periodic >= 0) vertx.cancelTimer(periodic);
      if (soon >= 0) vertx.cancelTimer(soon);
      Future<Void> drained = running ? (idle = Promise.promise()).future() : Future.succeededFuture();
      drained.timeout(3, TimeUnit.SECONDS).recover(e -> Future.succeededFuture())
          .compose(x -> lease.stop()).onComplete(stopped);
    });
    return stopped.future();
  }

  boolean leader() {
    return leader;
  }

  /** Passes whose appends the store refused because a newer leader's token exists. */
  int fencedOutPasses() {
    return fencedOut;
  }

  String owner() {
    return owner;
  }

  /** Something relevant happened (safe from any thread): pass soon, at most one at a time. */
  void nudge() {
    Context c = context;
    if (c == null) return;
    c.runOnContext(v -> {
      if (!leader || soon >= 0) return;
      long wait = Math.max(1, lastStartedAt + minGapMs - System.currentTimeMillis());
      soon = vertx.setTimer(wait, id -> {
        soon = -1;
        passNow();
      });
    });
  }

  /** When this node's last successful pass ended (epoch ms), 0 before the first. */
  long lastPassEndedAtMillis() {
    return lastPassEndedAt;
  }

  long lastPassDurationMillis() {
    return lastPassDurationMs;
  }

  /** The last pass's summary, or null before the first. */
  JsonObject lastPass() {
    return lastPass;
  }

  /** A full pass now (or right after the one running), answered with its summary; fails when not the leader. */
  Future<JsonObject> passOnce() {
    Promise<JsonObject> done = Promise.promise();
    context.runOnContext(v -> {
      if (!leader) {
        done.fail(new IllegalStateException("not the controller leader"));
        return;
      }
      waiting.add(done);
      if (running) again = true;
      else passNow();
    });
    return done.future();
  }

  private void elected(long fencingToken) {
    token = fencingToken;
    leader = true;
    log.info("controller {} is the leader (fencing token {})", owner, fencingToken);
    passNow();
  }

  private void deposed() {
    leader = false;
    log.warn("controller {} lost the lease; passes stop", owner);
  }

  private void passNow() {
    if (!leader) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    again = false;
    List<Promise<JsonObject>> answering = new ArrayList<>(waiting);
    waiting.clear();
    lastStartedAt = System.currentTimeMillis();
    long fencingToken = token;
    pass.run(fencingToken)
        .compose(result -> enqueue(result).map(n -> summary(result, n)))
        .onComplete(ar -> {
          running = false;
          for (Promise<JsonObject> p : answering) {
            if (ar.succeeded()) p.tryComplete(ar.result()); else p.tryFail(ar.cause());
          }
          if (ar.succeeded()) {
            lastPassDurationMs = ar.result().getLong("durationMs", 0L);
            lastPassEndedAt = System.currentTimeMillis();
            publish(ar.result());
          } else if (ar.cause() instanceof FencedOutException) {
            // someone took a newer token: this node is deposed whatever Redis says; stand again
            fencedOut++;
            leader = false;
            log.warn("controller {} was fenced out ({}); standing for election again", owner, ar.cause().getMessage());
            publish(new JsonObject().put("startedAt", Instant.ofEpochMilli(lastStartedAt).toString())
                .put("leader", owner).put("error", String.valueOf(ar.cause().getMessage())));
            lease.stop().onComplete(x -> {
              if (!closing) lease.keep(this::elected, this::deposed);
            });
          } else {
            log.warn("drift pass failed: {}", ar.cause().getMessage());
            publish(new JsonObject().put("startedAt", Instant.ofEpochMilli(lastStartedAt).toString())
                .put("leader", owner).put("error", String.valueOf(ar.cause().getMessage())));
          }
          if (idle != null) idle.tryComplete();
          if (again && leader) passNow();
        });
  }

  /**
   * Queues the live repairs this pass planned, and again those the log lists as pending for
   * longer than two pass intervals (at least 5 s): Redis flushed, or their consumer died.
   */
  private Future<Integer> enqueue(DriftPass.Result result) {
    Set<String> ids = new LinkedHashSet<>(result.liveRepairs());
    Instant stale = Instant.now().minusMillis(Math.max(5_000, 2 * intervalMs));
    for (DriftBoard.Repair r : pass.pendingRepairs()) {
      if (r.updatedAt().isBefore(stale)) ids.add(r.repairId());
    }
    if (ids.isEmpty()) return Future.succeededFuture(0);
    Future<Void> chain = Future.succeededFuture();
    for (String id : ids) chain = chain.compose(v -> queue.enqueue(id));
    return chain.map(v -> {
      queued.run();
      return ids.size();
    });
  }

  private JsonObject summary(DriftPass.Result r, int queuedRepairs) {
    return new JsonObject().put("startedAt", r.startedAt().toString()).put("durationMs", r.durationMs())
        .put("leader", owner).put("servers", r.servers()).put("findings", r.findings()).put("found", r.found())
        .put("cleared", r.cleared()).put("planned", r.planned()).put("queued", queuedRepairs);
  }

  private void publish(JsonObject summary) {
    lastPass = summary;
    redis.send(Request.cmd(Command.SET).arg(LAST_PASS_KEY).arg(summary.encode()))
        .onFailure(err -> log.debug("last pass not published: {}", err.getMessage()));
  }
}
