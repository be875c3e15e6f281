package com.zerolaghub.verticles.proxy;

import com.zerolaghub.core.accounts.Principal;
import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.proxy.ide.IdeAccessRefused;
import com.zerolaghub.proxy.ide.IdeLink;
import com.zerolaghub.proxy.impl.ide.IdeTokenIssuer;
import com.zerolaghub.proxy.routing.DevRoute;
import com.zerolaghub.proxy.routing.RouteTable;
import com.zerolaghub.verticles.http.AdminReason;
import com.zerolaghub.verticles.http.Authentication;
import com.zerolaghub.verticles.http.ProblemException;
import com.zerolaghub.verticles.http.ProblemType;
import com.zerolaghub.verticles.http.RequestIds;
import com.zerolaghub.verticles.http.ValidatedRequests;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.function.Supplier;

/** {@code POST /api/dev/{id}/ide-token} and {@code GET /api/dev/{id}/ide}: a hosted IDE's link for its owner, or an administrator with a reason. */
final class IdeEndpoints {
  private final RouteTable routes;
  private final ServerAccess servers;
  private final Supplier<IdeTokenIssuer> issuer;

  /** @param issuer the issuer, once the dev-host port is known */
  IdeEndpoints(RouteTable routes, ServerAccess servers, Supplier<IdeTokenIssuer> issuer) {
    this.routes = routes;
    this.servers = servers;
    this.issuer = issuer;
  }

  void issueToken(RoutingContext ctx) {
    JsonObject body = ValidatedRequests.body(ctx);
    issue(ctx, body == null ? null : body.getString("reason")).onSuccess(link -> ctx.json(new JsonObject().put("url", link.url()).put("expiresAt", link.expiresAt().toString())))
        .onFailure(err -> ctx.fail(toProblem(err)));
  }

  /** A redirect carries no reason: an administrator opens a customer's IDE through the token operation. */
  void openIde(RoutingContext ctx) {
    issue(ctx, null).onSuccess(link -> ctx.response().setStatusCode(302).putHeader("Location", link.url())
            .putHeader("Cache-Control", "no-store").end())
        .onFailure(err -> ctx.fail(toProblem(err)));
  }

  /**
   * The link for the caller; an administrator on someone else's server must give a reason, and
   * the server's stream records it (naming them) before the link exists.
   */
  private Future<IdeLink> issue(RoutingContext ctx, String reason) {
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
    if (caller.userId().equals(route.get().ownerId())) return issuer.get().issue(route.get(), caller);
    String why = AdminReason.require(reason, "opens a customer's IDE (POST /api/dev/{id}/ide-token)");
    return servers.ideOpened(serverId, caller.userId(), why, metadata(ctx, caller))
        .compose(recorded -> issuer.get().issue(route.get(), caller));
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
}
