package com.zerolaghub.verticles.controller;

import com.zerolaghub.core.command.CommandHandler;
import com.zerolaghub.core.servers.run.EdgePublisher;
import com.zerolaghub.core.servers.run.RunnerSettings;
import com.zerolaghub.core.controller.DriftDetector;
import com.zerolaghub.core.controller.EdgeExpectation;
import com.zerolaghub.core.controller.Posture;
import com.zerolaghub.core.controller.RepairPolicy;
import com.zerolaghub.events.controller.RepairEvent;
import com.zerolaghub.projections.MemoryView;
import com.zerolaghub.projections.lease.FencedLease;
import com.zerolaghub.projections.lease.RedisLease;
import com.zerolaghub.projections.controller.DriftBoard;
import com.zerolaghub.projections.controller.DriftBoardProjection;
import com.zerolaghub.verticles.http.ApiRoutes;
import com.zerolaghub.verticles.http.Authentication;
import com.zerolaghub.verticles.node.Capability;
import com.zerolaghub.verticles.node.NodeName;
import com.zerolaghub.verticles.node.PlatformContext;
import com.zerolaghub.verticles.node.ReadModels;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The controller/reconciler (R7): the drift board read model and the operators' endpoints on
 * every API node; on nodes with the {@code controller} role, a candidate for the controller lease
 * that, while leader, runs drift passes and the repair queue. Start it after the servers
 * capability and before the projections launch.
 */
public final class ControllerCapability implements Capability {
  private final Authentication auth;
  private final ReadModels projections;
  private final ServerFleet servers;
  private final Predicate<String> suspended;
  private final Clock clock;

  private MemoryView<DriftBoard> board;
  private volatile Controller controller;
  private RepairConsumer consumer;

  /** {@code suspended}: whether billing suspended this account (its hosts must not run). */
  public ControllerCapability(Authentication auth, ReadModels projections, ServerFleet servers,
                              Predicate<String> suspended, Clock clock) {
    this.auth = auth;
    this.projections = projections;
    this.servers = servers;
    this.suspended = suspended;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "controller";
  }

  @Override
  public Future<Void> start(PlatformContext ctx, ApiRoutes api) {
    var config = ctx.config();
    var c = config.controller();
    ctx.codec().register(RepairEvent.TYPES);
    board = projections.runtime().register(new DriftBoardProjection());
    Posture level1 = Posture.fromWire(c.level1());
    ControllerEndpoints endpoints = new ControllerEndpoints(ctx.redis(), board, level1, c);
    ControllerMetrics.register(ctx.meterRegistry(), board, () -> controller, clock);
    RepairActions actions = new RepairActions(ctx.store());
    if (config.roles().api()) {
      endpoints.bind(api, auth, new RepairsByHand(ctx.store(), actions, new CommandHandler(ctx.store(), ctx.codec()), board,
          repairWorker(ctx, actions), clock));
    }
    if (!config.roles().controller() && !config.roles().workers()) return Future.succeededFuture();

    RunnerSettings settings = servers.runnerSettings();
    EdgeExpectation edge = new EdgeExpectation(settings.gameDomain(), settings.edgeHost(), settings.edgePort());
    Duration stuckAfter = Duration.ofMillis(c.stuckOperationMs());
    DriftPass pass = new DriftPass(actions, servers.runners(), servers.directory(), board, suspended,
        new DriftDetector(edge, stuckAfter), new RepairPolicy(level1), edge, clock,
        new AgentProbe(servers.runners().agents(), servers::agentEndpoint, c.agentChecksPerPass(), 16));
    RepairWorker worker = repairWorker(ctx, actions);
    RepairQueue queue = new RepairQueue(ctx.redis());
    String node = NodeName.of(config);
    if (config.roles().workers()) consumer = new RepairConsumer(ctx.vertx(), queue, worker, node + "/repair-worker-" + UUID.randomUUID());
    Future<Void> consuming = consumer == null ? Future.succeededFuture() : consumer.start();
    if (!config.roles().controller()) return consuming;

    String owner = node + "/controller-" + UUID.randomUUID();
    FencedLease lease = new FencedLease(ctx.vertx(),
        new RedisLease(ctx.vertx(), ctx.redis(), DriftPass.FENCE, owner, Duration.ofMillis(c.leaseTtlMs())),
        ctx.fences(), c.leaseTtlMs() / 3);
    RepairConsumer local = consumer;
    controller = new Controller(ctx.vertx(), ctx.redis(), lease, pass, queue, () -> {
      if (local != null) local.wake();
    }, c.passIntervalMs(), Math.min(c.passIntervalMs(), Math.max(1_000, c.passIntervalMs() / 10)), owner);
    endpoints.local(controller);
    // Server changes can be drift or end it: look soon.
    ctx.store().signal().subscribe(ctx.vertx(), controller::nudge);
    return consuming.compose(v -> controller.start());
  }

  /** Runs level-1 repairs through provisioning's own edge calls. */
  private RepairWorker repairWorker(PlatformContext ctx, RepairActions actions) {
    return new RepairWorker(ctx.vertx(), actions, board, servers.directory(), new EdgePublisher(servers.runners(),
        servers.runnerSettings()), ctx.config().servers().gamePort(), Duration.ofMillis(ctx.config().controller().stuckOperationMs()),
        clock);
  }

  /** The leader finishes its pass and releases the controller lease; another candidate leads at its next attempt. */
  @Override
  public Future<Void> drain() {
    return controller == null ? Future.succeededFuture() : controller.stop();
  }

  @Override
  public Future<Void> stop() {
    Future<Void> c = controller == null ? Future.succeededFuture() : controller.stop();
    return c.compose(v -> consumer == null ? Future.succeededFuture() : consumer.stop());
  }

  /** The drift board (findings and repairs as the log says). */
  public MemoryView<DriftBoard> board() {
    return board;
  }

  /** This node's controller candidate, or null without the controller role. */
  Controller controller() {
    return controller;
  }

  /** Runs a full drift pass now on this node (the leader) and answers its summary (benchmarks, operators' tools). */
  public Future<JsonObject> passNow() {
    return controller == null ? Future.failedFuture(new IllegalStateException("no controller role on this node"))
        : controller.passOnce();
  }

  /** An operator's brake on this node's repair consumer: queued repairs wait while paused. */
  public void pauseRepairs(boolean paused) {
    if (consumer != null) consumer.pause(paused);
  }

  /** Whether this node is the controller leader now. */
  public boolean leader() {
    return controller != null && controller.leader();
  }
}
