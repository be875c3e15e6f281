package com.zerolaghub.verticles.provisioning;

import com.zerolaghub.core.servers.run.OperationRun;
import com.zerolaghub.core.servers.run.OperationRunner;
import com.zerolaghub.core.servers.run.RunnerStopped;
import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.events.Fences;
import com.zerolaghub.projections.MemoryView;
import com.zerolaghub.projections.lease.FencedLease;
import com.zerolaghub.projections.lease.RedisLease;
import com.zerolaghub.projections.servers.ServerDirectory;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs servers' operations (provisioning, host power, teardown) on the one node holding the
 * {@value #LEASE_KEY} lease. What is pending comes from the log — the open operations of the
 * {@link ServerDirectory} — never from Redis, so a flush or a crash loses nothing: the next
 * holder finds the same operations and each resumes from its last recorded step. At most
 * {@code concurrency} operations run at once, one per server.
 *
 * <p>Every event carries the lease's PostgreSQL fencing token, so the store refuses a deposed
 * worker's late appends; before each outside effect a run asks
 * whether this worker still holds the lease. An {@link Error} from a run (a crash, simulated by
 * tests) stops this worker for good without recording anything, as a killed process would.
 * Confined to the Vert.x context {@link #start} runs on.
 */
public final class OperationsWorker {
  public static final String LEASE_KEY = "zlh:lease:server-operations";
  static final Duration LEASE_TTL = Duration.ofSeconds(10);
  /** Scans even without news from the directory (a lost wake-up, a back-off that ran out). */
  static final long TICK_MS = 500;
  private static final long RETRY_MIN_MS = 200;
  private static final long RETRY_MAX_MS = 30_000;
  private static final Logger log = LoggerFactory.getLogger(OperationsWorker.class);

  private final Vertx vertx;
  private final MemoryView<ServerDirectory> directory;
  private final OperationRun runner;
  private final int concurrency;
  private final FencedLease lease;
  private final String owner;

  /** serverId → operationId running now. */
  private final Map<String, String> running = new HashMap<>();
  /** Operations a run saw end, until the directory catches up with that. */
  private final Set<String> ended = new HashSet<>();
  /** serverId → earliest next attempt (ms) and the pause after that, after a run failed unexpectedly. */
  private final Map<String, long[]> backOff = new HashMap<>();

  private Context context;
  private boolean started;
  private boolean stopped;
  private boolean crashed;
  private volatile boolean active;
  private volatile long fencingToken;
  private long tick = -1;
  private Promise<Void> drained;

  public OperationsWorker(Vertx vertx, Redis redis, Fences fences, MemoryView<ServerDirectory> directory,
                          OperationRun runner, int concurrency, String owner) {
    this.vertx = vertx;
    this.directory = directory;
    this.runner = runner;
    this.concurrency = concurrency;
    this.owner = owner;
    this.lease = new FencedLease(vertx, new RedisLease(vertx, redis, LEASE_KEY, owner, LEASE_TTL), fences,
        LEASE_TTL.toMillis() / 3);
  }

  /** Starts keeping the lease; works while it holds it. */
  public Future<Void> start() {
    context = vertx.getOrCreateContext();
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      started = true;
      lease.keep(this::acquired, this::lost);
      tick = vertx.setPeriodic(TICK_MS, id -> scan());
      done.complete();
    });
    return done.future();
  }

  /** Stops taking work, lets runs in flight stop at their next step, releases the lease. */
  public Future<Void> stop() {
    if (context == null) return Future.succeededFuture();
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      stopped = true;
      active = false;
      if (tick >= 0) vertx.cancelTimer(tick);
      Future<Void> idle;
      if (running.isEmpty()) {
        idle = Future.succeededFuture();
      } else {
        drained = Promise.promise();
        idle = drained.future();
      }
      idle.timeout(3, TimeUnit.SECONDS)
          .recover(err -> Future.succeededFuture())
          .compose(x -> lease.stop())
          .onComplete(done);
    });
    return done.future();
  }

  /** The directory published a new view: look for work (safe from any thread). */
  public void wake() {
    Context c = context;
    if (c != null) c.runOnContext(v -> scan());
  }

  /** Whether this worker holds the lease and works. */
  public boolean active() {
    return active;
  }

  /** Whether a run crashed this worker (tests kill workers this way). */
  public boolean crashed() {
    return crashed;
  }

  public String owner() {
    return owner;
  }

  /** Operations running now. */
  public int inFlight() {
    return running.size();
  }

  private void acquired(long token) {
    if (stopped || crashed) return;
    fencingToken = token;
    active = true;
    log.info("operations worker {} is active (fencing token {})", owner, token);
    scan();
  }

  private void lost() {
    active = false;
    log.warn("operations worker {} lost its lease; runs stop at their next step", owner);
  }

  private boolean inCharge() {
    return active && !stopped && !crashed;
  }

  private void scan() {
    if (!started || !inCharge()) return;
    ServerDirectory view = directory.current();
    // forget runs that ended once the directory shows them ended too
    if (!ended.isEmpty()) ended.removeIf(id -> view.operation(id).map(ServerDirectory.Operation::finished).orElse(true));
    if (running.size() >= concurrency) return; // a backlog is not walked on every view while all slots are busy
    long now = System.currentTimeMillis();
    for (ServerDirectory.Operation op : view.openOperations()) {
      if (running.size() >= concurrency) break;
      if (running.containsKey(op.serverId()) || ended.contains(op.operationId())) continue;
      long[] wait = backOff.get(op.serverId());
      if (wait != null && wait[0] > now) continue;
      launch(op);
    }
  }

  private void launch(ServerDirectory.Operation op) {
    running.put(op.serverId(), op.operationId());
    EventMetadata metadata = EventMetadata.system("system:operations-worker").fencedBy(LEASE_KEY, fencingToken);
    Future<OperationRunner.Result> run;
    try {
      run = runner.run(op.serverId(), metadata, this::inCharge);
    } catch (Throwable e) { // an Error thrown at once must crash the worker like one thrown later
      run = Future.failedFuture(e);
    }
    run.onComplete(ar -> {
      running.remove(op.serverId());
      if (ar.succeeded()) {
        backOff.remove(op.serverId());
        OperationRunner.Result result = ar.result();
        if (result.operationId() != null && result.finished()) ended.add(result.operationId());
        if (!result.finished()) delay(op.serverId());
      } else {
        failed(op, ar.cause());
      }
      if (stopped && running.isEmpty() && drained != null) drained.tryComplete();
      context.runOnContext(v -> scan());
    });
  }

  private void failed(ServerDirectory.Operation op, Throwable cause) {
    if (cause instanceof Error) {
      crash(cause);
      return;
    }
    if (cause instanceof RunnerStopped) {
      log.info("operation {} of server {} paused: {}", op.operationId(), op.serverId(), cause.getMessage());
      return;
    }
    long pause = delay(op.serverId());
    log.atWarn().setMessage("operation run failed; resuming from the log later")
        .addKeyValue("operationId", op.operationId()).addKeyValue("serverId", op.serverId())
        .addKeyValue("retryInMs", pause).addKeyValue("reason", String.valueOf(cause)).log();
  }

  private long delay(String serverId) {
    long[] wait = backOff.get(serverId);
    long pause = wait == null ? RETRY_MIN_MS : Math.min(RETRY_MAX_MS, wait[1] * 2);
    backOff.put(serverId, new long[] {System.currentTimeMillis() + pause, pause});
    return pause;
  }

  /** A crash: no more work, nothing recorded; the lease goes (as it would expire) so another worker takes over. */
  private void crash(Throwable cause) {
    if (crashed) return;
    crashed = true;
    active = false;
    if (tick >= 0) vertx.cancelTimer(tick);
    log.error("operations worker {} crashed: {}", owner, cause.toString());
    lease.stop();
  }
}
