package com.zerolaghub.projections;

import com.zerolaghub.events.Checkpoint;
import com.zerolaghub.events.EventStore;
import com.zerolaghub.projections.ProjectionStatus.Kind;
import com.zerolaghub.projections.ProjectionStatus.State;
import com.zerolaghub.projections.lease.RedisLease;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one PG-table projection on this node. Only the holder of its Redis lease applies
 * events: it serves the active generation, or builds the first one and swaps it in. Other
 * nodes stand by and read the stored token for status and lag. A rebuild may run on any node
 * (one at a time, under a second lease): it builds the next generation beside the serving one
 * and swaps it in ({@link TableRebuild}); the leader then finds its old token gone and moves on.
 */
final class TableProjectionRunner implements ProjectionRunner {
  private static final Logger log = LoggerFactory.getLogger(TableProjectionRunner.class);

  private final TableProjection projection;
  private final String name;
  private final Vertx vertx;
  private final EventStore store;
  private final SharedLogReads reads;
  private final Pool pool;
  private final Redis redis;
  private final ProjectionOptions options;
  private final PgTokenStore tokens;
  private final PgGenerations generations;
  private final ProjectionMetrics metrics;
  private final LagProbe probe;
  private final RedisLease lease;
  private final BackOff retry;
  private final Promise<Void> ready = Promise.promise();

  // Confined to the runtime's context.
  private boolean leading;
  private boolean stopped;
  private long epoch;
  private boolean setUpTrouble;
  private TableRebuild rebuild;

  // Read by status() from any thread.
  private volatile TrackingProcessor live;
  private volatile boolean awaitingActivation;
  private volatile String gaveUp;
  private volatile PgGenerations.Serving serving = PgGenerations.Serving.NONE;
  private volatile LagProbe.Lag servingLag;
  private volatile TrackingProcessor builder;

  TableProjectionRunner(TableProjection projection, Vertx vertx, EventStore store, SharedLogReads reads, Pool pool, Redis redis,
      MeterRegistry registry, ProjectionOptions options) {
    this.projection = projection;
    this.name = projection.name();
    this.vertx = vertx;
    this.store = store;
    this.reads = reads;
    this.pool = pool;
    this.redis = redis;
    this.options = options;
    this.tokens = new PgTokenStore(pool);
    this.generations = new PgGenerations(pool);
    this.metrics = new ProjectionMetrics(registry, name, () -> servingLag);
    this.probe = new LagProbe(store);
    this.lease = newLease(options.leaseKeyPrefix() + name);
    this.retry = new BackOff(options.retryMinDelay(), options.retryMaxDelay());
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void start() {
    lease.keep(fence -> lead(), this::standDown);
  }

  @Override
  public Future<Void> stop() {
    stopped = true;
    leading = false;
    epoch++;
    List<Future<Void>> stops = new ArrayList<>();
    TrackingProcessor l = live;
    if (l != null) stops.add(l.stop());
    if (rebuild != null) stops.add(rebuild.abort(new IllegalStateException("projection runtime stopped")).recover(e -> Future.succeededFuture()));
    // Release only once no batch is in flight, so the next holder never waits on our commit.
    return Future.join(stops).eventually(lease::stop).mapEmpty();
  }

  @Override
  public Future<Void> ready() {
    return ready.future();
  }

  // ---- leading ----

  private void lead() {
    if (stopped) return;
    leading = true;
    setUp(++epoch);
  }

  private void standDown() {
    leading = false;
    epoch++;
    awaitingActivation = false;
    TrackingProcessor l = live;
    live = null;
    if (l != null) l.stop();
  }

  private record Start(int generation, Checkpoint checkpoint, boolean first) {}

  /** Finds what to serve: the active generation, else an unfinished first build, else a new one. */
  private void setUp(long e) {
    if (!current(e)) return;
    generations.serving(name).compose(s -> {
      if (s.active() != null) return tokens.load(name, s.active()).map(cp -> new Start(s.active(), cp, false));
      return generations.latest(name)
          .compose(g -> g != null ? Future.succeededFuture(g) : generations.create(projection))
          .compose(g -> tokens.load(name, g).map(cp -> new Start(g, cp, true)));
    }).onComplete(ar -> {
      if (!current(e)) return;
      if (ar.succeeded() && ar.result().checkpoint() != null) {
        if (setUpTrouble) log.info("projection {}: PostgreSQL reachable again", name);
        setUpTrouble = false;
        retry.reset();
        startLive(ar.result());
        return;
      }
      if (!setUpTrouble && ar.failed()) {
        setUpTrouble = true;
        metrics.countError();
        log.warn("projection {}: cannot read its generation, retrying with back-off: {}", name, ar.cause().toString());
      }
      vertx.setTimer(retry.next(), id -> setUp(e));
    });
  }

  private void startLive(Start start) {
    awaitingActivation = start.first();
    long e = epoch;
    TrackingProcessor p = processor(start.generation(), new TrackingProcessor.Listener() {
      @Override
      public void caughtUp(TrackingProcessor p) {
        if (p != live) return;
        if (awaitingActivation) activateFirst(p, e);
        else ready.tryComplete();
      }

      @Override
      public void failed(TrackingProcessor p, Throwable cause) {
        if (p == live) giveUp(cause);
      }

      @Override
      public void retired(TrackingProcessor p) {
        if (p != live) return;
        live = null;
        setUp(epoch);
      }
    });
    live = p;
    p.start(start.checkpoint());
    log.info("projection {} generation {} applying from {}{}", name, start.generation(), start.checkpoint(),
        start.first() ? " (first build)" : "");
  }

  private void activateFirst(TrackingProcessor p, long e) {
    generations.activate(projection, p.generation()).onComplete(ar -> {
      if (p != live || !current(e)) return;
      if (ar.succeeded()) {
        awaitingActivation = false;
        log.info("projection {} generation {} built and serving", name, p.generation());
        ready.tryComplete();
      } else if (ar.cause() instanceof BatchSink.Retired) {
        live = null;
        p.stop();
        setUp(e);
      } else {
        log.debug("projection {}: swap failed, retrying: {}", name, ar.cause().toString());
        vertx.setTimer(retry.next(), id -> activateFirst(p, e));
      }
    });
  }

  /** This node cannot apply the projection: let another node (perhaps a newer build) lead it. */
  private void giveUp(Throwable cause) {
    gaveUp = cause.getMessage();
    leading = false;
    epoch++;
    ready.tryFail(cause);
    lease.stop();
  }

  private boolean current(long e) {
    return leading && !stopped && e == epoch;
  }

  // ---- rebuild ----

  @Override
  public Future<Void> rebuild() {
    if (stopped) return Future.failedFuture(new IllegalStateException("projection runtime stopped"));
    if (rebuild != null) return Future.failedFuture(new IllegalStateException("a rebuild of " + name + " is running on this node"));
    TableRebuild.Host host = new TableRebuild.Host() {
      @Override
      public TrackingProcessor processor(int generation, TrackingProcessor.Listener listener) {
        return TableProjectionRunner.this.processor(generation, listener);
      }

      @Override
      public void building(TrackingProcessor processor) {
        builder = processor;
      }

      @Override
      public void swapped() {
        TrackingProcessor l = live;
        if (l != null) l.reload(); // it finds its token gone and moves to the new generation
      }

      @Override
      public boolean stopped() {
        return stopped;
      }
    };
    TableRebuild r = new TableRebuild(projection, generations, newLease(options.leaseKeyPrefix() + name + ":rebuild"), vertx,
        new BackOff(options.retryMinDelay(), options.retryMaxDelay()), host);
    rebuild = r;
    return r.run().andThen(ar -> {
      if (rebuild == r) rebuild = null;
    });
  }

  // ---- status ----

  @Override
  public Future<Void> probe() {
    return generations.serving(name).compose(s -> {
      serving = s;
      if (s.active() != null && !leading && gaveUp == null) ready.tryComplete(); // another node serves it
      TrackingProcessor l = live;
      if (l != null && leading && !awaitingActivation && s.active() != null && l.generation() != s.active()) {
        l.reload(); // a rebuild on another node swapped generations
      }
      List<Future<Void>> probes = new ArrayList<>();
      if (s.checkpoint() != null) {
        probes.add(probe.measure(s.checkpoint()).map(lag -> {
          servingLag = lag;
          if (l != null && s.active() != null && l.generation() == s.active()) l.lag(lag);
          return null;
        }));
      }
      if (l != null && awaitingActivation) probes.add(measure(l));
      TrackingProcessor b = builder;
      if (b != null) probes.add(measure(b));
      return Future.join(probes).mapEmpty();
    });
  }

  private Future<Void> measure(TrackingProcessor p) {
    return probe.measure(p.checkpoint()).map(lag -> {
      p.lag(lag);
      return null;
    });
  }

  @Override
  public List<ProjectionStatus> status() {
    List<ProjectionStatus> list = new ArrayList<>(2);
    TrackingProcessor l = live;
    if (l != null) {
      State state = l.isFailed() ? State.FAILED
          : !l.isCaughtUp() || awaitingActivation ? State.CATCHING_UP
          : State.RUNNING;
      list.add(status(l, state));
    } else {
      PgGenerations.Serving s = serving;
      String failure = gaveUp != null ? gaveUp : s.failure();
      LagProbe.Lag lag = servingLag;
      list.add(new ProjectionStatus(name, Kind.TABLE, s.active() == null ? 0 : s.active(),
          s.checkpoint() == null ? Checkpoint.START : s.checkpoint(),
          lag == null ? -1 : lag.events(), lag == null ? 0 : lag.seconds(),
          failure != null ? State.FAILED : State.STANDBY, failure));
    }
    TrackingProcessor b = builder;
    if (b != null) list.add(status(b, b.isFailed() ? State.FAILED : State.CATCHING_UP));
    return list;
  }

  private ProjectionStatus status(TrackingProcessor p, State state) {
    LagProbe.Lag lag = p.lag();
    return new ProjectionStatus(name, Kind.TABLE, p.generation(), p.checkpoint(),
        lag == null ? -1 : lag.events(), lag == null ? 0 : lag.seconds(), state,
        p.isFailed() ? p.failure() : p.trouble());
  }

  // ---- parts ----

  private TrackingProcessor processor(int generation, TrackingProcessor.Listener listener) {
    return new TrackingProcessor(name, generation, vertx, store, reads, new TableSink(pool, tokens, projection, generation),
        options, metrics::countError, listener);
  }

  private RedisLease newLease(String key) {
    return new RedisLease(vertx, redis, key, options.nodeId() + "/" + UUID.randomUUID(), options.leaseTtl());
  }
}
