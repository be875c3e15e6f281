package com.zerolaghub.proxy.impl.console;

import com.zerolaghub.core.accounts.Principal;
import com.zerolaghub.core.infra.agent.AgentPort;
import com.zerolaghub.proxy.BrowserOrigins;
import com.zerolaghub.proxy.ProxyMetrics;
import com.zerolaghub.proxy.SessionCredentials;
import com.zerolaghub.proxy.SessionSockets;
import com.zerolaghub.proxy.console.ConsoleEnd;
import com.zerolaghub.proxy.console.ConsoleOptions;
import com.zerolaghub.proxy.impl.ProblemPage;
import com.zerolaghub.proxy.routing.ConsoleTarget;
import com.zerolaghub.proxy.routing.ConsoleTargets;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * {@code GET /api/servers/:id/console}: upgrades the portal's WebSocket and bridges it to the
 * agent's PTY console, adding the agent token on the server side (it never reaches the browser).
 *
 * <p>Before upgrading: a session cookie with a foreign or no {@code Origin} 403 (see
 * {@link BrowserOrigins}), no session 401, not the owner (nor an admin) or no such server 404,
 * not a WebSocket 426. After: status frames
 * {@code connecting} → {@code connected} → one final {@code closed}/{@code error} (see
 * {@link ConsoleEnd}), then the close. The agent's scrollback arrives as the first binary frames.
 *
 * <p>Mount: {@code router.get(ConsoleBridge.PATH).handler(consoleBridge)}. Billing ends a
 * suspended server's consoles with {@link #closeAllForServer} or {@link #closeAllForOwner}
 * (this node's consoles; every node must be told).
 */
public final class ConsoleBridge implements Handler<RoutingContext> {
  /** The route path to mount this handler on. */
  public static final String PATH = "/api/servers/:id/console";

  private final Vertx vertx;
  private final ConsoleTargets targets;
  private final AgentPort agents;
  private final SessionCredentials sessions;
  private final ConsoleOptions options;
  private final ProxyMetrics metrics;
  private final BrowserOrigins origins;
  private final Set<ConsoleSession> open = ConcurrentHashMap.newKeySet();
  private final SessionSockets bySession;

  public ConsoleBridge(Vertx vertx, ConsoleTargets targets, AgentPort agents, SessionCredentials sessions,
      ConsoleOptions options, ProxyMetrics metrics) {
    this(vertx, targets, agents, sessions, options, metrics, new SessionSockets());
  }

  /** @param bySession where each console is registered under the session that opened it, to end with it */
  public ConsoleBridge(Vertx vertx, ConsoleTargets targets, AgentPort agents, SessionCredentials sessions,
      ConsoleOptions options, ProxyMetrics metrics, SessionSockets bySession) {
    this.bySession = Objects.requireNonNull(bySession, "bySession");
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.targets = Objects.requireNonNull(targets, "targets");
    this.agents = Objects.requireNonNull(agents, "agents");
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.options = Objects.requireNonNull(options, "options");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.origins = new BrowserOrigins(options.allowedOrigins(), sessions.cookie());
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (!origins.admit(request)) {
      ProblemPage.send(request, 403, "origin_not_allowed", "This origin may not open consoles");
      return;
    }
    Optional<Principal> caller = sessions.principalOf(request);
    if (caller.isEmpty()) {
      ProblemPage.send(request, 401, "unauthenticated", "Sign in first");
      return;
    }
    Optional<ConsoleTarget> target = targets.byServerId(ctx.pathParam("id"));
    if (target.isEmpty() || !caller.get().mayAccess(target.get().ownerId())) {
      ProblemPage.send(request, 404, "not_found", "No such server");
      return;
    }
    if (!request.canUpgradeToWebSocket()) {
      request.response().putHeader("Upgrade", "websocket");
      ProblemPage.send(request, 426, "websocket_required", "The console is a WebSocket");
      return;
    }
    request.toWebSocket().onSuccess(socket -> {
      SessionSockets.Registration[] registration = new SessionSockets.Registration[1];
      ConsoleSession session = new ConsoleSession(vertx, socket, target.get(), options, metrics, ended -> {
        open.remove(ended);
        registration[0].remove();
      });
      registration[0] = bySession.register(caller.get().sessionId(), () -> session.endFromAnyThread(ConsoleEnd.SIGNED_OUT));
      open.add(session);
      session.start(agents);
    });
  }

  /** Ends every console of {@code serverId} on this node with {@code end}; answers how many. */
  public int closeAllForServer(String serverId, ConsoleEnd end) {
    return closeAll(s -> s.serverId().equals(serverId), end);
  }

  /** Ends every console of {@code ownerId}'s servers on this node with {@code end}; answers how many. */
  public int closeAllForOwner(String ownerId, ConsoleEnd end) {
    return closeAll(s -> s.ownerId().equals(ownerId), end);
  }

  /** Ends every console on this node (e.g. {@link ConsoleEnd#SHUTDOWN} when the node stops); answers how many. */
  public int closeAll(ConsoleEnd end) {
    return closeAll(s -> true, end);
  }

  /** Consoles open on this node now. */
  public int openConsoles() {
    return open.size();
  }

  private int closeAll(Predicate<ConsoleSession> which, ConsoleEnd end) {
    List<ConsoleSession> chosen = open.stream().filter(which).toList();
    chosen.forEach(s -> s.endFromAnyThread(end));
    return chosen.size();
  }
}
