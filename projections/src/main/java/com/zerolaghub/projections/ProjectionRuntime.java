package com.zerolaghub.projections;

import com.zerolaghub.events.EventCodec;
import com.zerolaghub.events.EventStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The projections of one node: register them, {@link #start()}, read their status, rebuild one.
 *
 * <p>The log is read once for all of them ({@link SharedLogReads}): processors at the same
 * checkpoint share each batch and its decoding, while each keeps its own checkpoint, token and
 * rebuild. Every processor of this runtime runs on one Vert.x context, taken at {@link #start()} (a
 * fresh event-loop context when called from outside Vert.x). Processors never block it; memory
 * models are folded there and published to readers as immutable views. The pool and the Redis
 * client belong to the caller: {@link #stop()} does not close them.
 */
public final class ProjectionRuntime {
  private static final Logger log = LoggerFactory.getLogger(ProjectionRuntime.class);

  private final Vertx vertx;
  private final EventStore store;
  private final SharedLogReads reads;
  private final Pool pool;
  private final Redis redis;
  private final MeterRegistry registry;
  private final ProjectionOptions options;
  private final Map<String, ProjectionRunner> runners = new LinkedHashMap<>();
  private final Set<String> servedTables = new HashSet<>();

  private volatile List<ProjectionRunner> started = List.of();
  private Context context;
  private boolean running;
  private long probeTimer = -1;

  /**
   * @param pool  PostgreSQL pool for tokens and table projections (may be null with memory projections only)
   * @param redis Redis client for the table projections' leases (may be null with memory projections only)
   */
  public ProjectionRuntime(Vertx vertx, EventStore store, EventCodec codec, Pool pool, Redis redis,
      MeterRegistry registry, ProjectionOptions options) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.store = Objects.requireNonNull(store, "store");
    this.reads = new SharedLogReads(store, Objects.requireNonNull(codec, "codec"));
    this.pool = pool;
    this.redis = redis;
    this.registry = Objects.requireNonNull(registry, "registry");
    this.options = Objects.requireNonNull(options, "options");
  }

  /** Adds a PG-table projection; before {@link #start()}. */
  public synchronized void register(TableProjection projection) {
    if (pool == null || redis == null) throw new IllegalStateException("table projections need a PostgreSQL pool and a Redis client");
    checkNew(projection.name());
    for (String table : projection.tables()) {
      ProjectionNames.checked("table name", table);
      if (!servedTables.add(table)) throw new IllegalArgumentException("table public." + table + " is served by two projections");
    }
    runners.put(projection.name(), new TableProjectionRunner(projection, vertx, store, reads, pool, redis, registry, options));
  }

  /** Adds a memory projection; before {@link #start()}. Readers keep the returned view. */
  public synchronized <V> MemoryView<V> register(MemoryProjection<V> projection) {
    checkNew(projection.name());
    MemoryProjectionRunner<V> runner = new MemoryProjectionRunner<>(projection, vertx, store, reads, options, registry);
    runners.put(projection.name(), runner);
    return runner;
  }

  /** Starts every processor; completes at once (see {@link #caughtUp()} for readiness). */
  public synchronized Future<Void> start() {
    if (context != null) return Future.failedFuture(new IllegalStateException("projection runtime already started"));
    context = vertx.getOrCreateContext();
    started = List.copyOf(runners.values());
    return onContext(() -> {
      running = true;
      for (ProjectionRunner runner : started) runner.start();
      probe();
      log.info("projection runtime started: {}", runners.keySet());
      return Future.succeededFuture();
    });
  }

  /** Stops every processor (letting a batch in flight land) and releases this node's leases. */
  public synchronized Future<Void> stop() {
    if (context == null) return Future.succeededFuture();
    return onContext(() -> {
      running = false;
      if (probeTimer >= 0) vertx.cancelTimer(probeTimer);
      List<Future<Void>> stops = new ArrayList<>();
      for (ProjectionRunner runner : started) stops.add(runner.stop());
      return Future.join(stops).mapEmpty();
    });
  }

  /**
   * Completes when every projection can answer reads: memory models and led table projections
   * have reached the head once, standby table projections have a serving generation. Fails
   * when a projection stops before that.
   */
  public Future<Void> caughtUp() {
    List<Future<Void>> all = new ArrayList<>();
    for (ProjectionRunner runner : snapshot()) all.add(runner.ready());
    return Future.all(all).mapEmpty();
  }

  /**
   * Rebuilds one projection from position 0 beside the serving generation and swaps it in when
   * caught up; completes once readers see the new generation. Table projections: any node may
   * run it, one rebuild per projection at a time.
   */
  public Future<Void> rebuild(String name) {
    ProjectionRunner runner;
    synchronized (this) {
      runner = runners.get(name);
    }
    if (runner == null) return Future.failedFuture(new IllegalArgumentException("no projection named " + name));
    if (context == null) return Future.failedFuture(new IllegalStateException("projection runtime not started"));
    return onContext(runner::rebuild);
  }

  /** Every processor of this node: serving ones, and rebuilds in progress. Safe from any thread. */
  public List<ProjectionStatus> status() {
    List<ProjectionStatus> all = new ArrayList<>();
    for (ProjectionRunner runner : started) all.addAll(runner.status());
    return all;
  }

  private void probe() {
    probeTimer = -1;
    if (!running) return;
    List<Future<Void>> probes = new ArrayList<>();
    for (ProjectionRunner runner : started) {
      probes.add(runner.probe().recover(err -> {
        log.debug("lag of {} not measured: {}", runner.name(), err.toString());
        return Future.succeededFuture();
      }));
    }
    Future.join(probes).onComplete(v -> {
      if (running) probeTimer = vertx.setTimer(options.lagInterval().toMillis(), id -> probe());
    });
  }

  private synchronized List<ProjectionRunner> snapshot() {
    return List.copyOf(runners.values());
  }

  private void checkNew(String name) {
    ProjectionNames.checked("projection name", name);
    if (context != null) throw new IllegalStateException("register projections before start()");
    if (runners.containsKey(name)) throw new IllegalArgumentException("projection " + name + " registered twice");
  }

  private <T> Future<T> onContext(Supplier<Future<T>> action) {
    Promise<T> promise = Promise.promise();
    context.runOnContext(v -> {
      try {
        action.get().onComplete(promise);
      } catch (RuntimeException e) {
        promise.fail(e);
      }
    });
    return promise.future();
  }
}
