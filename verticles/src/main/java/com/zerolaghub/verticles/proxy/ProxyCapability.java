package com.zerolaghub.verticles.proxy;

import com.zerolaghub.core.accounts.SessionLookup;
import com.zerolaghub.proxy.ProxyMetrics;
import com.zerolaghub.proxy.ProxyServer;
import com.zerolaghub.proxy.SessionCredentials;
import com.zerolaghub.proxy.impl.console.ConsoleBridge;
import com.zerolaghub.proxy.console.ConsoleEnd;
import com.zerolaghub.proxy.console.ConsoleOptions;
import com.zerolaghub.proxy.impl.ide.CachingIdeGrants;
import com.zerolaghub.proxy.impl.ide.CodeServerForwarder;
import com.zerolaghub.proxy.impl.ide.DevHostProxy;
import com.zerolaghub.proxy.ide.IdeAccessRefused;
import com.zerolaghub.proxy.ide.IdeGrants;
import com.zerolaghub.proxy.ide.IdeOptions;
import com.zerolaghub.proxy.impl.ide.IdeTokenIssuer;
import com.zerolaghub.proxy.impl.ide.LegacyIdeRoute;
import com.zerolaghub.proxy.impl.ide.RedisIdeGrants;
import com.zerolaghub.proxy.ide.UpstreamOptions;
import com.zerolaghub.proxy.routing.RouteTable;
import com.zerolaghub.verticles.config.ProxyConfig;
import com.zerolaghub.verticles.http.ApiRoutes;
import com.zerolaghub.verticles.http.Authentication;
import com.zerolaghub.verticles.node.Capability;
import com.zerolaghub.verticles.node.PlatformContext;
import com.zerolaghub.verticles.node.PlatformKeys;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerOptions;
import java.time.Clock;
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
  private final SessionLookup sessions;
  private final ServerAccess servers;
  private final Clock clock;
  private CodeServerForwarder forwarder;
  private ProxyServer devHostServer;
  private final ServerConsoles consoles;
  private volatile IdeTokenIssuer issuer;
  private volatile int devHostPort = -1;
  private RouteTable routes;

  /** @param suspendedOwner whether an account is suspended by billing (its consoles are refused) */
  public ProxyCapability(Authentication auth, SessionLookup sessions, ServerAccess servers,
      Predicate<String> suspendedOwner) {
    this(auth, sessions, servers, suspendedOwner, Clock.systemUTC());
  }

  /** @param clock the time sessions and IDE links are checked against: the accounts capability's */
  public ProxyCapability(Authentication auth, SessionLookup sessions, ServerAccess servers,
      Predicate<String> suspendedOwner, Clock clock) {
    this.clock = clock;
    this.auth = auth;
    this.sessions = sessions;
    this.servers = servers;
    this.consoles = new ServerConsoles(servers, suspendedOwner);
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
    SessionCredentials credentials = new SessionCredentials(sessions, clock, ctx.config().http().sessionCookie());
    routes = new DevRoutesFromLog(servers);
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
      ConsoleBridge console = consoles.open(ctx, credentials, metrics);
      // nothing from a container is served on the API's origin: the old path only redirects to openIde
      LegacyIdeRoute legacy = new LegacyIdeRoute(serverId -> "/api/dev/" + serverId + "/ide");
      api.routes(router -> {
        router.get(ConsoleBridge.PATH).handler(console);
        legacy.mountOn(router);
      });
      IdeEndpoints links = new IdeEndpoints(routes, servers, () -> issuer);
      api.operation("issueIdeToken", auth.required(), links::issueToken);
      api.operation("openIde", auth.required(), links::openIde);
    }
    if (!ctx.config().roles().proxy()) return Future.succeededFuture();
    devHostServer = new ProxyServer(ctx.vertx(), new DevHostProxy(routes, grants, forwarder, ide,
        sessionId -> sessions.isLive(sessionId, clock.instant())),
        new HttpServerOptions().setHost(cfg.host()));
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
    return consoles.closeAllForServer(serverId, end);
  }

  /** Consoles end with 1012 after the drain's grace: the portal reconnects, through the front, to another node. */
  @Override
  public void restartClients() {
    consoles.closeAll(ConsoleEnd.RESTART);
  }

  @Override
  public Future<Void> stop() {
    consoles.closeAll(ConsoleEnd.SHUTDOWN);
    Future<Void> stopped = devHostServer == null ? Future.succeededFuture() : devHostServer.stop();
    return stopped.andThen(v -> {
      if (forwarder != null) forwarder.close();
    });
  }
}
