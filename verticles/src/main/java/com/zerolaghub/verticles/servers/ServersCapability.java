package com.zerolaghub.verticles.servers;

import com.zerolaghub.core.servers.run.AgentTokens;
import com.zerolaghub.core.servers.run.OperationRun;
import com.zerolaghub.core.servers.run.OperationRunner;
import com.zerolaghub.core.servers.run.RunnerHooks;
import com.zerolaghub.core.servers.run.RunnerPorts;
import com.zerolaghub.core.servers.run.ServerLog;
import com.zerolaghub.verticles.http.ApiRoutes;
import com.zerolaghub.verticles.http.Authentication;
import com.zerolaghub.verticles.infra.InfraPorts;
import com.zerolaghub.verticles.infra.SimulatedSystems;
import com.zerolaghub.verticles.node.Capability;
import com.zerolaghub.verticles.node.PlatformContext;
import com.zerolaghub.verticles.node.ReadModels;
import com.zerolaghub.verticles.provisioning.OperationsWorker;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Servers (R2): wires read models, outside systems, routes ({@link ServersEndpoints}), live events and
 * the operations worker; offers the others {@link ServerPorts}. Starts between projections' setup and launch.
 */
public final class ServersCapability implements Capability {
  private final Authentication auth;
  private final ReadModels projections;
  private final RunnerHooks hooks;
  private final ServerPorts offered = new ServerPorts();
  private final ActiveWorker worker = new ActiveWorker();
  private final LiveEvents live = new LiveEvents();
  private RunnerPorts givenPorts;
  private Function<ServerLog, OperationRun> givenRunner;
  private Clock clock = Clock.systemUTC();
  private BillingGates gates = BillingGates.NONE;
  private InfraPorts infra;

  public ServersCapability(Authentication auth, ReadModels projections) {
    this(auth, projections, RunnerHooks.NONE);
  }

  /** @param hooks called around each step's outside effect; tests kill workers from them */
  public ServersCapability(Authentication auth, ReadModels projections, RunnerHooks hooks) {
    this.auth = auth;
    this.projections = projections;
    this.hooks = hooks;
  }

  /** Uses these ports instead of the ones {@code infra} configures (benchmarks' instant stand-ins). */
  public ServersCapability withPorts(RunnerPorts ports) {
    this.givenPorts = ports;
    return this;
  }

  /** Runs operations with {@code runner} (given the log) instead of the saga: benchmarks' no-op baseline. */
  public ServersCapability withRunner(Function<ServerLog, OperationRun> runner) {
    this.givenRunner = runner;
    return this;
  }

  /** The time of the servers' events, including billing's stop requests (tests move it by hand). */
  public ServersCapability withClock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /** Billing's gates on create, host start, game start and backups (none until billing is wired). */
  public ServersCapability gatedBy(BillingGates gates) {
    this.gates = gates;
    return this;
  }

  @Override
  public String name() {
    return "servers";
  }

  @Override
  public Future<Void> start(PlatformContext ctx, ApiRoutes api) {
    var config = ctx.config();
    Future<AgentTokens> derived = ServersSettings.tokens(config);
    if (derived.failed()) return derived.mapEmpty();
    AgentTokens tokens = derived.result();
    ServerReadModels models = ServerReadModels.register(ctx.codec(), projections.runtime(), worker::wake);
    return (givenPorts != null ? Future.succeededFuture(InfraPorts.of(givenPorts)) : InfraPorts.connect(ctx.vertx(), config))
        .compose(ports -> {
      infra = ports;
      var settings = ServersSettings.runner(config);
      ServerLog log = new ServerLog(ctx.store(), ctx.codec());
      OperationRun runner = givenRunner != null ? givenRunner.apply(log) : new OperationRunner(ctx.vertx(), log, ports.ports(),
          settings, ServersSettings.provisioning(config), tokens, hooks, clock);
      worker.makeWith(ctx, models.directory(), runner);
      ServerApi serverApi = ServerApi.of(ctx, log, models.directory(), ports.ports(), tokens, clock);
      AdminServerActions admin = new AdminServerActions(ctx.store(), clock);
      ServerStatusProbe status = new ServerStatusProbe(serverApi, new ServerHistory(ctx.store(), ctx.codec()));
      if (config.roles().api()) {
        new ServersEndpoints(auth, () -> gates).bind(api, serverApi, new ServerCreation(ctx.store(), ctx.codec(), serverApi.catalog(),
            ServersSettings.quota(config)), status, admin, live.open(ctx, models.directory()), config.servers().uploadLimitBytes());
      }
      offered.bind(serverApi, models.routes(), settings, status, admin);
      return (config.roles().api() ? live.start() : Future.<Void>succeededFuture())
          .compose(v -> config.roles().workers() ? startNewWorker() : Future.succeededFuture());
    });
  }

  /** What the other capabilities reach of servers (the runtime hands each its part). */
  public ServerPorts serverPorts() {
    return offered;
  }

  /** Replaces this node's operations worker with a fresh one, its own lease owner (tests: after a crash). */
  public Future<Void> startNewWorker() {
    return worker.replace();
  }

  /** The active worker instance of this node (null on nodes without the workers role). */
  public OperationsWorker worker() {
    return worker.current();
  }

  /** The simulators, when {@code infra.mode} is simulated. */
  public Optional<SimulatedSystems> simulators() {
    return infra == null ? Optional.empty() : infra.simulators();
  }

  /** The {@code /api/events} endpoint, once the API is bound (null before, or without the api role). */
  LiveEventsSocket liveEvents() {
    return live.socket();
  }

  /** The operations worker stops at its runs' next step and releases its lease; another node's resumes them. */
  @Override
  public Future<Void> drain() {
    return worker.stop();
  }

  /** {@code /api/events} sockets close with 1012: the portal reconnects (through the front, elsewhere) and re-reads. */
  @Override
  public void restartClients() {
    live.restartClients();
  }

  @Override
  public Future<Void> stop() {
    live.stop();
    return worker.stop().compose(v -> infra == null ? Future.succeededFuture() : infra.close());
  }
}
