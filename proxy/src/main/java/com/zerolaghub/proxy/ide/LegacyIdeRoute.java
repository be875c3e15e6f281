package com.zerolaghub.proxy.ide;

import com.zerolaghub.core.accounts.Principal;
import com.zerolaghub.proxy.ProblemPage;
import com.zerolaghub.proxy.SessionCredentials;
import com.zerolaghub.proxy.routing.DevRoute;
import com.zerolaghub.proxy.routing.RouteTable;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;
import java.util.Optional;

/**
 * The legacy path route {@code /__ide/:id/*}, kept until retired: bound to server {@code :id},
 * forwarded to its code-server with the prefix stripped; the owner's (or an admin's) platform
 * session is required, anyone else gets 404.
 *
 * <p>Mount before any {@code BodyHandler}, with {@link #mountOn(Router)}.
 */
public final class LegacyIdeRoute implements Handler<RoutingContext> {
  /** The route paths this handler serves: the folder and everything under it. */
  public static final String PATH = "/__ide/:id/*";
  public static final String BARE_PATH = "/__ide/:id";

  private final RouteTable routes;
  private final SessionCredentials sessions;
  private final CodeServerForwarder forwarder;

  public LegacyIdeRoute(RouteTable routes, SessionCredentials sessions, CodeServerForwarder forwarder) {
    this.routes = Objects.requireNonNull(routes, "routes");
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.forwarder = Objects.requireNonNull(forwarder, "forwarder");
  }

  /** Routes {@link #BARE_PATH} (redirected to the folder) and {@link #PATH} (any method) here. */
  public void mountOn(Router router) {
    router.route(BARE_PATH).handler(this);
    router.route(PATH).handler(this);
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    Optional<Principal> caller = sessions.principalOf(request);
    if (caller.isEmpty()) {
      ProblemPage.send(request, 401, "unauthenticated", "Sign in first");
      return;
    }
    Optional<DevRoute> route = routes.byServerId(ctx.pathParam("id"));
    if (route.isEmpty() || !caller.get().mayAccess(route.get().ownerId())) {
      ProblemPage.send(request, 404, "not_found", "No such dev server");
      return;
    }
    Optional<String> upstreamUri = IdeUris.legacyUpstream(ctx.normalizedPath(), request.query());
    if (upstreamUri.isEmpty()) {
      // "/__ide/<id>" → "/__ide/<id>/": code-server's links are relative to a folder
      String query = request.query();
      request.response().setStatusCode(302)
          .putHeader("Location", ctx.normalizedPath() + "/" + (query == null ? "" : "?" + query))
          .end();
      return;
    }
    if (!route.get().running() || !route.get().codeServer()) {
      ProblemPage.send(request, 502, "dev_server_not_running", "The dev server is not running");
      return;
    }
    forwarder.forward(request, route.get(), upstreamUri.get());
  }
}
