package com.zerolaghub.proxy.impl.ide;

import com.zerolaghub.proxy.PlatformCookies;
import com.zerolaghub.proxy.ide.IdeGrant;
import com.zerolaghub.proxy.ide.IdeGrants;
import com.zerolaghub.proxy.ide.IdeOptions;
import com.zerolaghub.proxy.ide.SessionLiveness;
import com.zerolaghub.proxy.impl.OnContext;
import com.zerolaghub.proxy.impl.ProblemPage;
import com.zerolaghub.proxy.impl.UpstreamHeaders;
import com.zerolaghub.proxy.impl.routing.DevHostName;
import com.zerolaghub.proxy.routing.DevRoute;
import com.zerolaghub.proxy.routing.RouteTable;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the hosted IDE on {@code dev-<vmid>.<devDomain>} (any port): routes by host through
 * the in-memory {@link RouteTable} to the container's code-server.
 *
 * <ol>
 *   <li>unknown host or vmid: 404;
 *   <li>{@code ?zlh_ide_token=…}: redeemed once; when its grant admits this host's server, a
 *       host-only IDE cookie is set and the browser redirected to the same URL without the token;
 *       otherwise 401;
 *   <li>otherwise the IDE cookie must stand for this host's server and its owner (or an admin):
 *       else 401, nothing forwarded;
 *   <li>a host that is not running: 502; else forwarded (HTTP and WebSocket).
 * </ol>
 *
 * Mount it in front of the API router, or alone on a {@code ProxyServer}:
 * {@code server.requestHandler(req -> devHosts.claims(req) ? devHosts.handle(req) : router.handle(req))}.
 */
public final class DevHostProxy implements Handler<HttpServerRequest> {
  private static final Logger log = LoggerFactory.getLogger(DevHostProxy.class);

  private final RouteTable routes;
  private final IdeGrants grants;
  private final CodeServerForwarder forwarder;
  private final IdeOptions options;
  private final DevHostName hosts;
  private final SessionLiveness sessions;

  /** @param sessions whether the platform session a grant was made on is still signed in */
  public DevHostProxy(RouteTable routes, IdeGrants grants, CodeServerForwarder forwarder, IdeOptions options,
      SessionLiveness sessions) {
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.routes = Objects.requireNonNull(routes, "routes");
    this.grants = Objects.requireNonNull(grants, "grants");
    this.forwarder = Objects.requireNonNull(forwarder, "forwarder");
    this.options = Objects.requireNonNull(options, "options");
    this.hosts = new DevHostName(options.devDomain());
  }

  /** Whether {@code request}'s host has the dev host form (its vmid may still be unknown). */
  public boolean claims(HttpServerRequest request) {
    return vmidOf(request).isPresent();
  }

  @Override
  public void handle(HttpServerRequest request) {
    OptionalInt vmid = vmidOf(request);
    Optional<DevRoute> route = vmid.isPresent() ? routes.byVmid(vmid.getAsInt()) : Optional.empty();
    if (route.isEmpty()) {
      ProblemPage.send(request, 404, "unknown_host", "No such dev server");
      return;
    }
    String token = tokenOf(request);
    if (token != null) {
      request.pause(); // the grant lookup is asynchronous: keep the body for the upstream
      exchange(request, route.get(), token);
      return;
    }
    // read straight from the header: the cookies are copied (platform ones stripped) on the way up anyway
    String cookie = PlatformCookies.firstValueOf(request.headers().getAll("Cookie"), IdeCookie.name(overTls(request)));
    if (cookie == null || cookie.isEmpty()) {
      // nothing to look up: answered at once, the request never paused
      ProblemPage.send(request, 401, "ide_login_required", "Open the IDE from the panel to sign in to this dev server");
      return;
    }
    admit(request, route.get(), cookie);
  }

  private void exchange(HttpServerRequest request, DevRoute route, String token) {
    Future<String> session = grants.redeemToken(token)
        .compose(grant -> {
          if (grant.isEmpty() || !grant.get().admits(route) || !sessions.isLive(grant.get().sessionId())) {
            return Future.succeededFuture((String) null);
          }
          return grants.openSession(grant.get(), options.sessionTtl());
        });
    OnContext.of(Vertx.currentContext(), session).onComplete(result -> {
      request.resume();
      if (result.failed()) {
        storeFailed(request, result.cause());
      } else if (result.result() == null) {
        ProblemPage.send(request, 401, "ide_token_invalid",
            "This IDE link is invalid, used or expired: open the IDE again from the panel");
      } else {
        redirectWithCookie(request, result.result());
      }
    });
  }

  /** Sets the host-only IDE cookie and sends the browser to the same URL without the token. */
  private void redirectWithCookie(HttpServerRequest request, String cookieValue) {
    boolean secure = overTls(request);
    request.response()
        .setStatusCode(302)
        .putHeader("Location", IdeUris.withoutToken(request.uri()))
        .putHeader("Set-Cookie", IdeCookie.setCookieHeader(cookieValue, options.sessionTtl(), secure))
        .putHeader("Cache-Control", "no-store")
        .putHeader("Referrer-Policy", "no-referrer")
        .end();
  }

  private void admit(HttpServerRequest request, DevRoute route, String cookie) {
    Future<Optional<IdeGrant>> lookup = grants.session(cookie);
    if (lookup.isComplete()) {
      // remembered: decided here and now, the request never paused
      decide(request, route, lookup, false);
      return;
    }
    request.pause(); // the grant lookup is asynchronous: keep the body for the upstream
    OnContext.of(Vertx.currentContext(), lookup).onComplete(result -> {
      // the route is read again: the lookup took a moment, and the table may have moved on
      Optional<DevRoute> now = routes.byVmid(route.vmid());
      if (now.isEmpty() && result.succeeded()) {
        request.resume();
        ProblemPage.send(request, 401, "ide_login_required", "Open the IDE from the panel to sign in to this dev server");
        return;
      }
      decide(request, now.orElse(route), result, true);
    });
  }

  /** Forwards, or refuses with 401/502/503, once the cookie's grant is known. */
  private void decide(HttpServerRequest request, DevRoute route, AsyncResult<Optional<IdeGrant>> result, boolean paused) {
    if (result.failed()) {
      request.resume();
      storeFailed(request, result.cause());
      return;
    }
    Optional<IdeGrant> grant = result.result();
    if (grant.isEmpty() || !grant.get().admits(route) || !sessions.isLive(grant.get().sessionId())) {
      request.resume();
      ProblemPage.send(request, 401, "ide_login_required", "Open the IDE from the panel to sign in to this dev server");
      return;
    }
    if (!route.running() || !route.codeServer()) {
      request.resume();
      ProblemPage.send(request, 502, "dev_server_not_running", "The dev server is not running");
      return;
    }
    forwarder.forward(request, route, request.uri(), paused);
  }

  private OptionalInt vmidOf(HttpServerRequest request) {
    HostAndPort authority = request.authority();
    return authority == null ? OptionalInt.empty() : hosts.vmidOf(authority.host());
  }

  private static boolean overTls(HttpServerRequest request) {
    return UpstreamHeaders.isHttps(request.isSSL(), request.getHeader("X-Forwarded-Proto"));
  }

  private static String tokenOf(HttpServerRequest request) {
    if (request.query() == null || !request.query().contains(IdeTokenIssuer.TOKEN_PARAM)) {
      return null;
    }
    String token = request.getParam(IdeTokenIssuer.TOKEN_PARAM);
    return token == null || token.isEmpty() ? null : token;
  }

  private static void storeFailed(HttpServerRequest request, Throwable failure) {
    log.warn("IDE grant store unavailable: {}", failure.toString());
    ProblemPage.send(request, 503, "ide_unavailable", "The IDE sign-in is unavailable right now, try again shortly");
  }
}
