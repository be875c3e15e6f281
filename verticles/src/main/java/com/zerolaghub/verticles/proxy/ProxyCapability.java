package com.zerolaghub.verticles.proxy;

import com.zerolaghub.core.accounts.Principal;
import com.zerolaghub.core.infra.agent.AgentHttpAdapter;
import com.zerolaghub.core.infra.agent.AgentOptions;
import com.zerolaghub.proxy.ProxyMetrics;
import com.zerolaghub.proxy.ProxyServer;
import com.zerolaghub.proxy.SessionCredentials;
import com.zerolaghub.proxy.console.ConsoleBridge;
import com.zerolaghub.proxy.console.ConsoleEnd;
import com.zerolaghub.proxy.console.ConsoleOptions;
import com.zerolaghub.proxy.ide.CachingIdeGrants;
import com.zerolaghub.proxy.ide.CodeServerForwarder;
import com.zerolaghub.proxy.ide.DevHostProxy;
import com.zerolaghub.proxy.ide.IdeAccessRefused;
import com.zerolaghub.proxy.ide.IdeGrants;
import com.zerolaghub.proxy.ide.IdeOptions;
import com.zerolaghub.proxy.ide.IdeTokenIssuer;
import com.zerolaghub.proxy.ide.LegacyIdeRoute;
import com.zerolaghub.proxy.ide.RedisIdeGrants;
import com.zerolaghub.proxy.ide.UpstreamOptions;
import com.zerolaghub.proxy.routing.ConsoleTarget;
import com.zerolaghub.proxy.routing.DevRoute;
import com.zerolaghub.proxy.routing.RouteTable;
import com.zerolaghub.verticles.accounts.AccountsCapability;
import com.zerolaghub.verticles.config.ProxyConfig;
import com.zerolaghub.verticles.http.ApiRoutes;
import com.zerolaghub.verticles.http.Authentication;
import com.zerolaghub.verticles.http.ProblemException;
import com.zerolaghub.verticles.http.ProblemType;
import com.zerolaghub.verticles.http.ValidatedRequests;
import com.zerolaghub.verticles.node.Capability;
import com.zerolaghub.verticles.node.PlatformContext;
import com.zerolaghub.verticles.node.PlatformKeys;
import com.zerolaghub.verticles.servers.AdminServerActions;
import com.zerolaghub.verticles.http.RequestIds;
import com.zerolaghub.events.EventMetadata;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reverse proxy in the node: the console bridge and IDE token operations on the API
 * router (role {@code api}), and the dev-host proxy on its own listener (role {@code proxy}),
 * so a node can run it alone. Routes come from the servers capability's in-memory route table.
 */
public final class ProxyCapability implements Capability {
  private static final Logger log = LoggerFactory.getLogger(ProxyCapability.class);

  private final Authentication auth;
  private final AccountsCapability accounts;
  private final ServerAccess servers;
  private final Predicate<String> suspendedOwner;
  private final Clock clock;
  private CodeServerForwarder forwarder;
  private ProxyServer devHostServer;
  private ConsoleBridge console;
  private volatile IdeTokenIssuer issuer;
  private volatile int devHostPort = -1;
  private RouteTable routes;

  /** @param suspendedOwner whether an account is suspended by billing (its consoles are refused) */
  public ProxyCapability(Authentication auth, AccountsCapability accounts, ServerAccess servers,
      Predicate<String> suspendedOwner) {
    this(auth, accounts, servers, suspendedOwner, Clock.systemUTC());
  }

  /** @param clock the time sessions and IDE links are checked against: the accounts capability's */
  public ProxyCapability(Authentication auth, AccountsCapability accounts, ServerAccess servers,
      Predicate<String> suspendedOwner, Clock clock) {
    this.clock = clock;
    this.auth = auth;
    this.accounts = accounts;
    this.servers = servers;
    this.suspendedOwner = suspendedOwner;
  }

  @Override
  public String name() {
    return "proxy";
  }

  @Override
  public Future<Void> start(PlatformContext ctx, ApiRoutes api) {
    return new PlatformKeys(ctx.pool()).key(PlatformKeys.IDE_GRANTS).compose(key -> start(ctx, api, key));
  }

  private Future<Void> start(PlatformContext ctx, ApiRoutes api, byte[] grantKey) {
    ProxyConfig cfg = ctx.config().proxy();
    ProxyMetrics metrics = new ProxyMetrics(ctx.meterRegistry());
    SessionCredentials credentials = new SessionCredentials(accounts.sessions(), clock, ctx.config().http().sessionCookie());
    routes = new RouteTable() {
      @Override
      public Optional<DevRoute> byVmid(int vmid) {
        return servers.routes().byVmid(vmid).map(ProxyCapability::toProxyRoute);
      }

      @Override
      public Optional<DevRoute> byServerId(String serverId) {
        return servers.routes().byServerId(serverId).map(ProxyCapability::toProxyRoute);
      }
    };
    forwarder = new CodeServerForwarder(ctx.vertx(), UpstreamOptions.defaults(), metrics);
    IdeGrants grants = new CachingIdeGrants(new RedisIdeGrants(ctx.redis(), grantKey));
    IdeOptions ide = IdeOptions.defaults(cfg.devDomain());
    boolean portOnceBound = cfg.publicPort() == 0 && cfg.port() == 0;
    if (portOnceBound && !ctx.config().roles().proxy()) {
      return Future.failedFuture(new IllegalStateException(
          "proxy.port 0 takes any free port, which another node cannot know: set proxy.publicPort on nodes without the proxy role"));
    }
    if (!portOnceBound) {
      issuer = new IdeTokenIssuer(grants,
          ide.withPublicOrigin(cfg.publicScheme(), cfg.publicPort() == 0 ? cfg.port() : cfg.publicPort()), clock);
    }

    if (ctx.config().roles().api()) {
      // The bridge's own connect timeout (10 s) decides; the agent client must not cut it shorter.
      AgentHttpAdapter agents = new AgentHttpAdapter(ctx.vertx(),
          new AgentOptions(AgentOptions.DEFAULT_REQUEST_TIMEOUT, AgentOptions.DEFAULT_TRANSFER_TIMEOUT,
              ConsoleOptions.DEFAULT_CONNECT_TIMEOUT.plus(Duration.ofSeconds(1))));
      console = new ConsoleBridge(ctx.vertx(), this::consoleTarget, agents, credentials,
          ConsoleOptions.defaults().withAllowedOrigins(ctx.config().http().browserOrigins()), metrics, ctx.sessionSockets());
      // nothing from a container is served on the API's origin: the old path only redirects to openIde
      LegacyIdeRoute legacy = new LegacyIdeRoute(serverId -> "/api/dev/" + serverId + "/ide");
      api.routes(router -> {
        router.get(ConsoleBridge.PATH).handler(console);
        legacy.mountOn(router);
      });
      api.operation("issueIdeToken", auth.required(), this::issueToken);
      api.operation("openIde", auth.required(), this::openIde);
    }
    if (!ctx.config().roles().proxy()) return Future.succeededFuture();
    devHostServer = new ProxyServer(ctx.vertx(), new DevHostProxy(routes, grants, forwarder, ide,
        sessionId -> accounts.sessions().isLive(sessionId, clock.instant())),
        new io.vertx.core.http.HttpServerOptions().setHost(cfg.host()));
    return devHostServer.start(cfg.port())
        .onSuccess(port -> {
          devHostPort = port;
          // hosted IDE links name the port the listener got when the configuration said "any"
          if (portOnceBound) issuer = new IdeTokenIssuer(grants, ide.withPublicOrigin(cfg.publicScheme(), port), clock);
          log.info("dev-host proxy listening on {} for dev-<vmid>.{}", port, cfg.devDomain());
        })
        .mapEmpty();
  }

  /** The port the dev-host proxy listens on, or -1 when this node does not run it. */
  public int devHostPort() {
    return devHostPort;
  }

  /** Closes the live consoles of a server, e.g. 4409 when its account is suspended. */
  public int closeConsoles(String serverId, ConsoleEnd end) {
    return console == null ? 0 : console.closeAllForServer(serverId, end);
  }

  private Optional<ConsoleTarget> consoleTarget(String serverId) {
    return servers.directory().server(serverId).flatMap(s -> servers.agentEndpoint(serverId)
        .map(agent -> new ConsoleTarget(serverId, s.ownerId(), agent, suspendedOwner.test(s.ownerId()))));
  }

  private void issueToken(RoutingContext ctx) {
    JsonObject body = ValidatedRequests.body(ctx);
    issue(ctx, body == null ? null : body.getString("reason")).onSuccess(link -> ctx.json(new JsonObject().put("url", link.url()).put("expiresAt", link.expiresAt().toString())))
        .onFailure(err -> ctx.fail(toProblem(err)));
  }

  /** A redirect carries no reason: an administrator opens a customer's IDE through the token operation. */
  private void openIde(RoutingContext ctx) {
    issue(ctx, null).onSuccess(link -> ctx.response().setStatusCode(302).putHeader("Location", link.url())
            .putHeader("Cache-Control", "no-store").end())
        .onFailure(err -> ctx.fail(toProblem(err)));
  }

  /**
   * The link for the caller; an administrator on someone else's server must give a reason, and
   * the server's stream records it (naming them) before the link exists.
   */
  private Future<com.zerolaghub.proxy.ide.IdeLink> issue(RoutingContext ctx, String reason) {
    Principal caller = Authentication.principal(ctx);
    String serverId = ValidatedRequests.pathParam(ctx, "serverId");
    Optional<DevRoute> route = routes.byServerId(serverId).filter(r -> caller.mayAccess(r.ownerId()));
    if (route.isEmpty()) {
      // Not a running dev server of the caller's, or not theirs at all: no existence leak.
      boolean visible = servers.directory().server(serverId).filter(s -> caller.mayAccess(s.ownerId())).isPresent();
      return Future.failedFuture(visible
          ? new ProblemException(ProblemType.CONFLICT, "the IDE needs a running dev server with code-server")
          : new ProblemException(ProblemType.NOT_FOUND, "no server " + serverId));
    }
    if (caller.userId().equals(route.get().ownerId())) return issuer.issue(route.get(), caller);
    String why = AdminServerActions.requireReason(reason, "opens a customer's IDE (POST /api/dev/{id}/ide-token)");
    return servers.ideOpened(serverId, caller.userId(), why, metadata(ctx, caller))
        .compose(recorded -> issuer.issue(route.get(), caller));
  }

  private static EventMetadata metadata(RoutingContext ctx, Principal caller) {
    return new EventMetadata("user:" + caller.userId(), RequestIds.of(ctx), RequestIds.of(ctx), null,
        ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().hostAddress(), null);
  }

  private static Throwable toProblem(Throwable err) {
    if (err instanceof IdeAccessRefused refused) {
      ProblemType type = refused.httpStatus() == 404 ? ProblemType.NOT_FOUND : ProblemType.CONFLICT;
      return new ProblemException(type, refused.getMessage());
    }
    return err;
  }

  private static DevRoute toProxyRoute(com.zerolaghub.projections.servers.DevRoute r) {
    return new DevRoute(r.serverId(), r.vmid(), r.ownerId(), r.address(), r.codeServer(), r.running());
  }

  /** Consoles end with 1012 after the drain's grace: the portal reconnects, through the front, to another node. */
  @Override
  public void restartClients() {
    if (console != null) console.closeAll(ConsoleEnd.RESTART);
  }

  @Override
  public Future<Void> stop() {
    if (console != null) console.closeAll(ConsoleEnd.SHUTDOWN);
    Future<Void> stopped = devHostServer == null ? Future.succeededFuture() : devHostServer.stop();
    return stopped.andThen(v -> {
      if (forwarder != null) forwarder.close();
    });
  }
}
