package com.zerolaghub.verticles.runtime;

import com.zerolaghub.verticles.node.Capability;
import com.zerolaghub.verticles.node.PlatformContext;
import com.zerolaghub.verticles.node.NodeDrain;
import com.zerolaghub.events.AppendSignal;
import com.zerolaghub.events.EventCodec;
import com.zerolaghub.events.impl.Migrations;
import com.zerolaghub.events.impl.PgCrossNodeSignal;
import com.zerolaghub.events.impl.PgEventStore;
import com.zerolaghub.verticles.config.DbConfig;
import com.zerolaghub.proxy.SessionSockets;
import com.zerolaghub.verticles.config.PlatformConfig;
import com.zerolaghub.verticles.embedded.EmbeddedInfra;
import com.zerolaghub.verticles.http.ApiContract;
import com.zerolaghub.verticles.http.ApiRoutes;
import com.zerolaghub.verticles.http.HttpApiVerticle;
import com.zerolaghub.verticles.http.NodeEndpoints;
import com.zerolaghub.verticles.http.ReadinessCheck;
import com.zerolaghub.verticles.http.Readiness;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.pgclient.PgBuilder;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running node. Start: embedded PostgreSQL/Redis when not configured, schema migrations, Vert.x
 * with Prometheus metrics, pool, event store with wake-ups (local and cross-node), Redis client,
 * capabilities, then the HTTP API. Stop (bounded, see {@link #STOP_BUDGET}): HTTP drains,
 * capabilities stop in reverse order, clients close, Vert.x closes, embedded servers stop.
 */
public final class Platform {
  /** Everything in {@link #stop()} together; leaves headroom under the 10 s systemd and operators expect. */
  public static final Duration STOP_BUDGET = Duration.ofSeconds(8);
  /** How long requests in flight may take to finish once stopping. */
  public static final Duration HTTP_DRAIN = Duration.ofSeconds(4);
  private static final Duration CAPABILITY_STOP = Duration.ofSeconds(3);
  private static final Logger log = LoggerFactory.getLogger(Platform.class);

  private final PlatformConfig configured;
  private final List<Capability> capabilities;
  private final List<String> contractResources;
  private final PlatformMetrics metrics = new PlatformMetrics();
  private final Vertx vertx;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final List<Capability> started = new ArrayList<>();

  private EmbeddedInfra infra;
  private Pool pool;
  private Redis redis;
  private PgCrossNodeSignal crossNode;
  private PlatformContext context;
  private HttpApiVerticle http;
  private String httpDeployment;
  private Future<Void> stopping;
  private final NodeDrain drain;
  private Future<Void> draining;
  private Future<Void> drainingThenStopping;
  private final Promise<Void> graceOver = Promise.promise();

  private Platform(PlatformConfig configured, List<Capability> capabilities, List<String> contractResources) {
    this.configured = configured;
    this.capabilities = List.copyOf(capabilities);
    this.contractResources = List.copyOf(contractResources);
    this.vertx = Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(metrics.vertxOptions()))
        .withMetrics(new MicrometerMetricsFactory(metrics.registry()))
        .build();
    this.drain = new NodeDrain(Duration.ofMillis(configured.http().drainGraceMs()), this::drainAndStop);
  }

  public static Builder builder(PlatformConfig config) {
    return new Builder(config);
  }

  public static final class Builder {
    private final PlatformConfig config;
    private final List<Capability> capabilities = new ArrayList<>();
    private final List<String> contract = new ArrayList<>(List.of(ApiContract.DEFAULT_RESOURCE));

    private Builder(PlatformConfig config) {
      this.config = config;
    }

    public Builder capabilities(List<Capability> list) {
      capabilities.addAll(list);
      return this;
    }

    public Builder capability(Capability capability) {
      capabilities.add(capability);
      return this;
    }

    /** Further class-path OpenAPI documents whose paths and components join {@code openapi.yaml}. */
    public Builder contractExtension(String resource) {
      contract.add(resource);
      return this;
    }

    /** Starts the node; call from any thread but an event loop's. Fails after undoing what had started. */
    public Future<Platform> start() {
      Platform platform = new Platform(config, capabilities, contract);
      return platform.start();
    }
  }

  private Future<Platform> start() {
    long t0 = System.nanoTime();
    log.info("starting with {}", configured);
    // Completed outside Vert.x: after a failed start Vert.x is closed and cannot deliver results.
    CompletableFuture<Platform> result = new CompletableFuture<>();
    vertx.executeBlocking(() -> EmbeddedInfra.start(configured))
        .compose(started -> {
          infra = started;
          DbConfig db = infra.resolved().db();
          return vertx.executeBlocking(() -> Migrations.migrate(db.jdbcUrl(), db.user(), db.password()));
        })
        .compose(migrated -> ApiContract.load(vertx, contractResources))
        .compose(this::wire)
        .compose(routes -> startCapabilities(routes).map(routes))
        .compose(this::deployHttp)
        .onComplete(ar -> {
          if (ar.succeeded()) {
            log.atInfo().setMessage("platform started")
                .addKeyValue("port", http.port())
                .addKeyValue("embeddedPostgres", infra.runsPostgres())
                .addKeyValue("embeddedRedis", infra.runsRedis())
                .addKeyValue("capabilities", capabilities.size())
                .addKeyValue("startMs", (System.nanoTime() - t0) / 1_000_000)
                .log();
            result.complete(this);
          } else {
            log.error("platform failed to start: {}", ar.cause().toString());
            stop().onComplete(stopped -> result.completeExceptionally(ar.cause()));
          }
        });
    return Future.fromCompletionStage(result);
  }

  private Future<ApiRoutes> wire(ApiContract contract) {
    PlatformConfig config = infra.resolved();
    DbConfig db = config.db();
    pool = PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(db.poolSize()).setName("zlh-pg")
            .setConnectionTimeout(5).setConnectionTimeoutUnit(TimeUnit.SECONDS))
        .with(new NetClientOptions().setConnectTimeout(5_000))
        .connectingTo(db.connectOptions())
        .using(vertx)
        .build();
    redis = Redis.createClient(vertx, config.redis().clientOptions());
    EventCodec codec = new EventCodec();
    AppendSignal signal = new AppendSignal();
    crossNode = new PgCrossNodeSignal(vertx, pool, PgCrossNodeSignal.DEFAULT_WINDOW_MS);
    PgEventStore store = new PgEventStore(pool, codec, signal, crossNode, metrics.registry());
    context = new PlatformContext(vertx, config, store, codec, pool, redis, metrics.registry(), new SessionSockets(),
        drain);
    return crossNode.listen(vertx, db.connectOptions(), signal).map(v -> new ApiRoutes(contract));
  }

  private Future<Void> startCapabilities(ApiRoutes routes) {
    Future<Void> chain = Future.succeededFuture();
    for (Capability capability : capabilities) {
      chain = chain.compose(v -> {
        log.info("starting capability {}", capability.name());
        return capability.start(context, routes)
            .onSuccess(ok -> started.add(capability))
            .recover(err -> Future.failedFuture(new IllegalStateException(
                "capability " + capability.name() + " failed to start: " + err.getMessage(), err)));
      });
    }
    return chain;
  }

  private Future<Void> deployHttp(ApiRoutes routes) {
    Readiness readiness = new Readiness(vertx)
        .add(ReadinessCheck.of("postgres", () -> pool.query("SELECT 1").execute().map(rows -> true)))
        .add(ReadinessCheck.of("redis", () -> redis.send(Request.cmd(Command.PING)).map(r -> true)));
    for (Capability c : started) {
      c.readinessChecks().forEach(readiness::add);
      readiness.warnings(c::readinessWarnings);
    }
    NodeEndpoints.register(routes, readiness, metrics.registry(), drain::draining);
    http = new HttpApiVerticle(routes, context.config().http(), HTTP_DRAIN, drain::draining);
    return vertx.deployVerticle(http).onSuccess(id -> {
      httpDeployment = id;
      for (Capability c : started) c.serving(http.port());
    }).mapEmpty();
  }

  public PlatformContext context() {
    return context;
  }

  /** The port the API listens on (resolves {@code http.port} 0). */
  public int httpPort() {
    return http.port();
  }

  /** Whether this node drains, and how to ask it to. */
  public NodeDrain drainState() {
    return drain;
  }

  /**
   * Begins draining (idempotent; the same future to every caller): readiness answers 503 and
   * responses carry {@code Connection: close} from now on, capabilities hand their leases over
   * at once, and when the grace ({@code http.drainGraceMs}) is over the long-lived sockets are
   * closed with 1012. Completes then; the listener closes with {@link #stop()}.
   */
  public synchronized Future<Void> drain() {
    if (draining != null) return draining;
    drain.begin();
    long graceMs = drain.grace().toMillis();
    log.atInfo().setMessage("draining: readiness answers 503, leases handed over; sockets and listener close after the grace")
        .addKeyValue("graceMs", graceMs).log();
    ShutdownSequence seq = new ShutdownSequence(vertx, CAPABILITY_STOP);
    List<Future<Void>> handovers = new ArrayList<>();
    List<Capability> reverse = new ArrayList<>(started);
    Collections.reverse(reverse);
    for (Capability c : reverse) handovers.add(seq.step("drain " + c.name(), CAPABILITY_STOP, c::drain));
    vertx.setTimer(Math.max(1, graceMs), t -> graceOver.tryComplete());
    draining = Future.join(handovers).transform(x -> graceOver.future()).transform(x -> {
      for (Capability c : reverse) {
        try {
          c.restartClients();
        } catch (RuntimeException e) {
          log.warn("capability {} did not close its sockets: {}", c.name(), e.toString());
        }
      }
      log.info("drained: long-lived sockets closed with 1012");
      return Future.<Void>succeededFuture();
    });
    return draining;
  }

  /** What SIGTERM does: {@link #drain()}, then {@link #stop()}. Idempotent. */
  public synchronized Future<Void> drainAndStop() {
    if (drainingThenStopping != null) return drainingThenStopping;
    if (stopping != null || httpDeployment == null) {
      drainingThenStopping = stop();
    } else {
      Future<Void> drained = drain();
      CompletableFuture<Void> done = new CompletableFuture<>();
      drained.onComplete(ar -> stop().onComplete(x -> done.complete(null)));
      drainingThenStopping = Future.fromCompletionStage(done);
    }
    return drainingThenStopping;
  }

  /** Stops the node (idempotent; the same future to every caller). Bounded by {@link #STOP_BUDGET}. */
  public synchronized Future<Void> stop() {
    if (stopping != null) return stopping;
    graceOver.tryComplete(); // a drain in progress ends its grace now
    long t0 = System.nanoTime();
    ShutdownSequence seq = new ShutdownSequence(vertx, STOP_BUDGET);
    Future<Void> chain = httpDeployment == null ? Future.succeededFuture()
        : seq.step("http", HTTP_DRAIN, () -> vertx.undeploy(httpDeployment));
    List<Capability> reverse = new ArrayList<>(started);
    Collections.reverse(reverse);
    for (Capability c : reverse) {
      chain = chain.compose(v -> seq.step("capability " + c.name(), CAPABILITY_STOP, c::stop));
    }
    chain = chain
        .compose(v -> crossNode == null ? nothing() : seq.step("cross-node signal", Duration.ofSeconds(1), crossNode::close))
        .compose(v -> redis == null ? nothing() : seq.step("redis", Duration.ofSeconds(1), redis::close))
        .compose(v -> pool == null ? nothing() : seq.step("pool", Duration.ofSeconds(1), pool::close))
        .compose(v -> seq.step("vertx", Duration.ofSeconds(2), vertx::close));
    // Completed from a plain thread after Vert.x closed, so it must not belong to a Vert.x context.
    CompletableFuture<Void> done = new CompletableFuture<>();
    chain.onComplete(ar -> {
      // Vert.x is closed: the embedded servers stop on a thread of their own.
      Thread stopper = new Thread(() -> {
        try {
          if (infra != null) infra.close();
        } catch (RuntimeException e) {
          log.warn("embedded servers did not stop cleanly: {}", e.toString());
        }
        metrics.close();
        log.info("platform stopped in {} ms", (System.nanoTime() - t0) / 1_000_000);
        stopped.countDown();
        done.complete(null);
      }, "zlh-stop-embedded");
      stopper.start();
    });
    stopping = Future.fromCompletionStage(done);
    return stopping;
  }

  /** Blocks the calling thread until {@link #stop()} completed. */
  public void awaitStopped() throws InterruptedException {
    stopped.await();
  }

  private static Future<Void> nothing() {
    return Future.succeededFuture();
  }
}
