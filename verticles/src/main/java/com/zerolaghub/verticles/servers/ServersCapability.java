package com.zerolaghub.verticles.servers;

import com.zerolaghub.core.billing.GatedAction;
import com.zerolaghub.core.billing.HostShutdownPort;
import com.zerolaghub.core.command.CommandHandler;
import com.zerolaghub.core.command.Rejection;
import com.zerolaghub.core.instances.Requester;
import com.zerolaghub.core.instances.ServerCommand;
import com.zerolaghub.core.instances.ServerDecider;
import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.events.servers.HostAction;
import com.zerolaghub.events.servers.HostState;
import com.zerolaghub.proxy.BrowserOrigins;
import com.zerolaghub.verticles.http.ValidatedRequests;
import com.zerolaghub.core.instances.AgentAction;
import com.zerolaghub.core.instances.Catalog;
import com.zerolaghub.core.instances.ProvisioningSettings;
import com.zerolaghub.core.instances.QuotaPolicy;
import com.zerolaghub.core.instances.Templates;
import com.zerolaghub.core.instances.run.AgentTokens;
import com.zerolaghub.core.instances.run.OperationRun;
import com.zerolaghub.core.instances.run.OperationRunner;
import com.zerolaghub.core.instances.run.RunnerHooks;
import com.zerolaghub.core.instances.run.RunnerPorts;
import com.zerolaghub.core.instances.run.RunnerSettings;
import com.zerolaghub.core.instances.run.ServerLog;
import com.zerolaghub.events.PgFences;
import com.zerolaghub.events.servers.ServerEvents;
import com.zerolaghub.projections.MemoryView;
import com.zerolaghub.projections.ProjectionRuntime;
import com.zerolaghub.projections.servers.DevRouteProjection;
import com.zerolaghub.projections.servers.RouteTable;
import com.zerolaghub.projections.servers.ServerDirectory;
import com.zerolaghub.projections.servers.ServerDirectoryProjection;
import com.zerolaghub.projections.servers.ServersTable;
import com.zerolaghub.verticles.config.ConfigException;
import com.zerolaghub.proxy.SessionSockets;
import com.zerolaghub.verticles.http.ProblemType;
import com.zerolaghub.verticles.http.ProblemException;
import io.vertx.core.json.JsonObject;
import com.zerolaghub.verticles.config.PlatformConfig;
import com.zerolaghub.verticles.config.ServersConfig;
import com.zerolaghub.verticles.http.ApiRoutes;
import com.zerolaghub.verticles.http.Authentication;
import com.zerolaghub.verticles.infra.InfraPorts;
import com.zerolaghub.verticles.infra.SimulatedSystems;
import com.zerolaghub.verticles.projections.ProjectionsCapability;
import com.zerolaghub.verticles.provisioning.OperationsWorker;
import com.zerolaghub.verticles.node.Capability;
import com.zerolaghub.verticles.node.NodeName;
import com.zerolaghub.verticles.node.PlatformContext;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Servers (R2): create with quotas and idempotency, operations, host power, delete with its
 * failsafe, status, the agent's game/file/backup/code-server calls, the runtime catalog,
 * Velocity resync and live updates over WebSocket; the read models (server directory, dev
 * route table, servers tables); the outside systems (simulated or real, from {@code infra});
 * and, on worker nodes, the operations worker. Start it between
 * {@link ProjectionsCapability#setup()} and {@link ProjectionsCapability#launch()}.
 */
public final class ServersCapability implements Capability {
  private final Authentication auth;
  private final ProjectionsCapability projections;
  private final RunnerHooks hooks;
  private RunnerPorts givenPorts;
  private Clock clock = Clock.systemUTC();

  private Vertx vertx;
  private Redis redis;
  private PgFences fences;
  private PlatformConfig config;
  private ServerStatusProbe statusProbe;
  private InfraPorts infra;
  private OperationRun runner;
  private java.util.function.Function<ServerLog, OperationRun> givenRunner;
  private MemoryView<ServerDirectory> directory;
  private MemoryView<RouteTable> routes;
  private LiveFeed feed;
  private int concurrency;
  private volatile OperationsWorker worker;
  private volatile LiveEventsSocket liveEvents;
  private AgentTokens agentTokens;
  private ServerApi serverApi;
  private volatile AdminServerActions adminActions;
  private BillingGates gates = BillingGates.NONE;
  private int agentPort;
  private String nodeName;

  public ServersCapability(Authentication auth, ProjectionsCapability projections) {
    this(auth, projections, RunnerHooks.NONE);
  }

  /** @param hooks called around each step's outside effect; tests kill workers from them */
  public ServersCapability(Authentication auth, ProjectionsCapability projections, RunnerHooks hooks) {
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
  public ServersCapability withRunner(java.util.function.Function<ServerLog, OperationRun> runner) {
    this.givenRunner = runner;
    return this;
  }

  /** The time of the servers' events, including billing's stop requests (tests move it by hand). */
  public ServersCapability withClock(Clock clock) {
    this.clock = java.util.Objects.requireNonNull(clock, "clock");
    return this;
  }

  @Override
  public String name() {
    return "servers";
  }

  @Override
  public Future<Void> start(PlatformContext ctx, ApiRoutes api) {
    PlatformConfig config = ctx.config();
    this.config = config;
    ServersConfig servers = config.servers();
    AgentTokens tokens;
    try {
      tokens = new AgentTokens(platformSecret(config));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    vertx = ctx.vertx();
    agentTokens = tokens;
    agentPort = config.infra().agentPort();
    nodeName = NodeName.of(config);
    redis = ctx.redis();
    fences = new PgFences(ctx.pool());
    concurrency = servers.workerConcurrency();
    ctx.codec().register(ServerEvents.TYPES);
    ProjectionRuntime runtime = projections.runtime();
    ServerDirectoryProjection directoryProjection = new ServerDirectoryProjection();
    directory = runtime.register(directoryProjection);
    routes = runtime.register(new DevRouteProjection());
    runtime.register(new ServersTable());

    Future<InfraPorts> connected = givenPorts != null ? Future.succeededFuture(InfraPorts.of(givenPorts)) : InfraPorts.connect(vertx, config);
    return connected.compose(ports -> {
      infra = ports;
      ServerLog log = new ServerLog(ctx.store(), ctx.codec());
      runner = givenRunner != null ? givenRunner.apply(log) : new OperationRunner(vertx, log, ports.ports(), runnerSettings(config),
          new ProvisioningSettings(servers.gamePort(), ProvisioningSettings.DEFAULT_MAX_ATTEMPTS_PER_STEP), tokens, hooks, clock);
      Catalog catalog = Catalog.defaults(new Templates(servers.gameTemplateVmid(), servers.devTemplateVmid()));
      serverApi = new ServerApi(vertx, config, new CommandHandler(ctx.store(), ctx.codec()), log, ctx.pool(), directory,
          ports.ports(), tokens, catalog, new OperationLocator(vertx, directory), new ServerJson(servers.gameDomain()), clock);
      adminActions = new AdminServerActions(ctx.store(), clock);
      directoryProjection.onPublished(view -> {
        OperationsWorker w = worker;
        if (w != null) w.wake();
      });
      Future<Void> apiStarted = Future.succeededFuture();
      if (config.roles().api()) {
        feed = new LiveFeed(vertx, ctx.store(), ctx.codec(), ctx.pool(), directory);
        statusProbe = new ServerStatusProbe(serverApi, new ServerHistory(ctx.store(), ctx.codec()));
        bind(api, serverApi, new ServerCreation(ctx.store(), ctx.codec(), catalog, quota(servers)), servers, ctx.sessionSockets());
        apiStarted = feed.start();
      }
      return apiStarted.compose(v -> config.roles().workers() ? startNewWorker() : Future.succeededFuture());
    });
  }

  private static QuotaPolicy quota(ServersConfig servers) {
    return new QuotaPolicy(Map.of("starter", servers.starterServerLimit(), "pro", servers.proServerLimit()),
        servers.starterServerLimit());
  }

  private void bind(ApiRoutes api, ServerApi serverApi, ServerCreation creation, ServersConfig servers,
      SessionSockets sessionSockets) {
    InstanceHandlers instances = new InstanceHandlers(serverApi, creation);
    ServerHandlers serverHandlers = new ServerHandlers(serverApi, statusProbe);
    AgentCalls calls = new AgentCalls(serverApi);
    AgentHandlers agent = new AgentHandlers(calls, serverApi.ports().agents());
    AdminHandlers admin = new AdminHandlers(serverApi, adminActions);
    LiveEventsSocket socket = new LiveEventsSocket(feed,
        new BrowserOrigins(config.http().browserOrigins(), config.http().sessionCookie()), sessionSockets);
    liveEvents = socket;
    FileUploads uploads = new FileUploads(calls, serverApi.ports().agents(), servers.uploadLimitBytes());

    api.operation("createInstance", auth.required(), gated(GatedAction.CREATE_SERVER), instances::create);
    api.operation("getOperation", auth.required(), instances::operation);
    api.operation("listServers", auth.required(), serverHandlers::list);
    api.operation("getServer", auth.required(), serverHandlers::get);
    api.operation("deleteServer", auth.required(), serverHandlers::delete);
    api.operation("getServerStatus", auth.required(), serverHandlers::status);
    api.operation("hostAction", auth.required(), gatedHostStart(), serverHandlers::hostAction);
    api.operation("gameStart", auth.required(), gated(GatedAction.GAME_START), rc -> agent.game(rc, AgentAction.GAME_START));
    api.operation("gameStop", auth.required(), rc -> agent.game(rc, AgentAction.GAME_STOP));
    api.operation("gameRestart", auth.required(), gated(GatedAction.GAME_START), rc -> agent.game(rc, AgentAction.GAME_RESTART));
    api.operation("gameCommand", auth.required(), agent::command);
    api.operation("listFiles", auth.required(), agent::listFiles);
    api.operation("readFile", auth.required(), agent::readFile);
    api.operation("createBackup", auth.required(), gated(GatedAction.BACKUP), agent::createBackup);
    api.operation("listBackups", auth.required(), agent::listBackups);
    api.operation("restoreBackup", auth.required(), gated(GatedAction.BACKUP), agent::restoreBackup);
    api.operation("codeServerAction", auth.required(), agent::codeServer);
    api.operation("getCatalog", admin::catalog);
    api.operation("velocityResync", auth.admin(), admin::velocityResync);
    api.routes(router -> {
      uploads.install(router, auth);
      socket.install(router, auth);
    });
  }

  /**
   * Stops the current worker (if any) and starts a fresh instance with its own lease owner: it
   * takes over once it holds the lease and resumes every open operation from the log.
   */
  public Future<Void> startNewWorker() {
    OperationsWorker old = worker;
    OperationsWorker fresh = new OperationsWorker(vertx, redis, fences, directory, runner, concurrency,
        nodeName + "/worker-" + UUID.randomUUID());
    Future<Void> stopped = old == null ? Future.succeededFuture() : old.stop();
    return stopped.compose(v -> {
      worker = fresh;
      return fresh.start();
    });
  }

  /** An administrator's acts on a customer's server, as events with their reason (after start). */
  public AdminServerActions adminActions() {
    return adminActions;
  }

  /** The active worker instance of this node (null on nodes without the workers role). */
  public OperationsWorker worker() {
    return worker;
  }

  /** The simulators, when {@code infra.mode} is simulated. */
  public Optional<SimulatedSystems> simulators() {
    return infra == null ? Optional.empty() : infra.simulators();
  }

  /** Billing's gates on create, host start, game start and backups (none until billing is wired). */
  public ServersCapability gatedBy(BillingGates gates) {
    this.gates = gates;
    return this;
  }

  private io.vertx.core.Handler<io.vertx.ext.web.RoutingContext> gated(GatedAction action) {
    return ctx -> {
      Optional<Rejection> refused = gates.check(Authentication.principal(ctx).userId(), action);
      if (refused.isPresent()) ctx.fail(refused.get());
      else ctx.next();
    };
  }

  private io.vertx.core.Handler<io.vertx.ext.web.RoutingContext> gatedHostStart() {
    io.vertx.core.Handler<io.vertx.ext.web.RoutingContext> gate = gated(GatedAction.HOST_START);
    return ctx -> {
      // Stopping is always allowed: billing never keeps a customer from shutting a host down.
      if ("stop".equals(ValidatedRequests.pathParam(ctx, "action"))) ctx.next();
      else gate.handle(ctx);
    };
  }

  /**
   * Billing's way to shut hosts down (game and dev: a suspended account runs nothing, and
   * code-server is the largest user of memory); it can only stop, never delete. A host with an open
   * operation (billing's own stop in flight, a customer's restart) is not offered: the host state
   * still reads running until that operation ends, and a later enforcement pass takes the host
   * if it still runs then, so one suspension stops (and records) each host once.
   */
  public HostShutdownPort hostShutdown() {
    return new HostShutdownPort() {
      @Override
      public Future<java.util.List<String>> runningHosts(String accountId) {
        ServerDirectory now = directory.current();
        java.util.Set<String> busy = new java.util.HashSet<>();
        now.openOperations().forEach(op -> busy.add(op.serverId()));
        return Future.succeededFuture(now.servers().stream()
            .filter(s -> accountId.equals(s.ownerId()) && s.hostState() == HostState.RUNNING
                && !busy.contains(s.serverId()))
            .map(ServerDirectory.Server::serverId).toList());
      }

      @Override
      public Future<Void> shutDown(String serverId, String cause) {
        String operationId = UUID.randomUUID().toString();
        return serverApi.commands().handle(ServerDecider.stream(serverId), new ServerDecider(),
                new ServerCommand.RequestHostAction(new Requester("system:billing", true), HostAction.STOP, operationId,
                    clock.instant()),
                EventMetadata.system("system:billing").withCorrelation(operationId).withCausation(cause))
            // done once the directory shows the stop open, so the next pass does not offer this host again
            .compose(appended -> new OperationLocator(vertx, directory).find(operationId))
            .recover(err -> err instanceof Rejection ? Future.succeededFuture() : Future.failedFuture(err)) // already stopping
            .mapEmpty();
      }
    };
  }

  /**
   * How this node reaches a server's agent (for the console bridge): address from the log, port
   * from configuration, token derived on the server side. Empty until the container has an address.
   */
  public java.util.Optional<com.zerolaghub.core.infra.agent.AgentEndpoint> agentEndpoint(String serverId) {
    return directory.current().server(serverId).filter(s -> s.address() != null)
        .map(s -> new com.zerolaghub.core.infra.agent.AgentEndpoint(s.address(), agentPort, agentTokens.tokenFor(serverId)));
  }

  /**
   * A server's live status as {@code GET /api/servers/{id}/status} answers it (host, agent, game,
   * last crash), for the operators' triage; fails with 404 when the server does not exist.
   */
  public Future<JsonObject> liveStatus(String serverId) {
    return serverApi.log().load(serverId).compose(loaded -> {
      if (loaded.version() == 0) {
        return Future.failedFuture(new ProblemException(ProblemType.NOT_FOUND, "no server " + serverId));
      }
      return statusProbe.probe(loaded.state());
    });
  }

  /** Running dev servers for the reverse proxy: {@code routeTable().current().byVmid(vmid)}. */
  public MemoryView<RouteTable> routeTable() {
    return routes;
  }

  /** The outside systems as the runners reach them (after start): the controller observes and repairs through them. */
  public RunnerPorts ports() {
    return infra.ports();
  }

  /** How runners name and reach things (edge host and port, game domain). */
  public RunnerSettings runnerSettings() {
    return runnerSettings(config);
  }

  public MemoryView<ServerDirectory> directory() {
    return directory;
  }

  /** The operations worker stops at its runs' next step and releases its lease; another node's resumes them. */
  @Override
  public Future<Void> drain() {
    OperationsWorker w = worker;
    return w == null ? Future.succeededFuture() : w.stop();
  }

  /** The {@code /api/events} endpoint, once the API is bound (null before, or without the api role). */
  LiveEventsSocket liveEvents() {
    return liveEvents;
  }

  /** {@code /api/events} sockets close with 1012: the portal reconnects (through the front, elsewhere) and re-reads. */
  @Override
  public void restartClients() {
    LiveEventsSocket socket = liveEvents;
    if (socket != null) socket.closeAll(LiveEventsSocket.SERVICE_RESTART, "service_restart");
  }

  @Override
  public Future<Void> stop() {
    if (feed != null) feed.stop();
    OperationsWorker w = worker;
    Future<Void> stopped = w == null ? Future.succeededFuture() : w.stop();
    return stopped.compose(v -> infra == null ? Future.succeededFuture() : infra.close());
  }


  private static RunnerSettings runnerSettings(PlatformConfig config) {
    ServersConfig s = config.servers();
    return new RunnerSettings(s.gameDomain(), s.edgeHost(), s.edgePort(), config.infra().agentPort(),
        Duration.ofMillis(s.stepRetryMs()), Duration.ofMillis(s.taskTimeoutMs()), Duration.ofMillis(s.agentWaitMs()),
        Duration.ofMillis(s.shutdownGraceMs()), RunnerSettings.DEFAULT_POLL_INITIAL, RunnerSettings.DEFAULT_POLL_MAX,
        RunnerSettings.DEFAULT_SWAP_MIB, config.infra().placement().placement());
  }

  /** The configured secret; in simulated mode a random one when none is configured. */
  static String platformSecret(PlatformConfig config) {
    String secret = config.servers().platformSecret();
    if (secret.isEmpty() && config.infra().simulated()) {
      byte[] random = new byte[32];
      new SecureRandom().nextBytes(random);
      return HexFormat.of().formatHex(random);
    }
    if (secret.length() < 32) {
      throw new ConfigException("servers.platformSecret (ZLH_SERVERS_PLATFORM_SECRET) must have at least 32 characters"
          + (secret.isEmpty() ? " and is required with infra.mode proxmox" : ""));
    }
    return secret;
  }
}
