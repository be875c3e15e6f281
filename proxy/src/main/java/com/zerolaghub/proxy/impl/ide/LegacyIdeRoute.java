package com.zerolaghub.proxy.impl.ide;

import com.zerolaghub.proxy.impl.ProblemPage;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The retired path route {@code /__ide/:id/*}. It used to serve a container's code-server under
 * the API's own origin, where a customer's script ran with the platform's cookies (an admin
 * opening that IDE could be made to post as admin). It now serves nothing from a container:
 * {@code GET}/{@code HEAD} are redirected (302) to the API's IDE link operation for that
 * server, which checks the caller and sends the browser on to its {@code dev-<vmid>} host with a
 * one-time token; anything else (WebSocket upgrades, other methods) answers 410.
 *
 * <p>Mount with {@link #mountOn(Router)}.
 */
public final class LegacyIdeRoute implements Handler<RoutingContext> {
  /** The route paths this handler serves: the folder and everything under it. */
  public static final String PATH = "/__ide/:id/*";
  public static final String BARE_PATH = "/__ide/:id";
  private static final Pattern SERVER_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

  private final UnaryOperator<String> ideLinkPath;

  /** @param ideLinkPath the API path that opens a server's hosted IDE, e.g. {@code id -> "/api/dev/" + id + "/ide"} */
  public LegacyIdeRoute(UnaryOperator<String> ideLinkPath) {
    this.ideLinkPath = Objects.requireNonNull(ideLinkPath, "ideLinkPath");
  }

  /** Routes {@link #BARE_PATH} and {@link #PATH} (any method) here. */
  public void mountOn(Router router) {
    router.route(BARE_PATH).handler(this);
    router.route(PATH).handler(this);
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    String serverId = ctx.pathParam("id");
    if (serverId == null || !SERVER_ID.matcher(serverId).matches()) {
      ProblemPage.send(request, 404, "not_found", "No such dev server");
      return;
    }
    boolean navigation = request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD;
    if (!navigation || request.canUpgradeToWebSocket()) {
      ProblemPage.send(request, 410, "ide_moved", "The IDE moved to its own host: open it from the panel");
      return;
    }
    request.response().setStatusCode(302)
        .putHeader("Location", ideLinkPath.apply(serverId))
        .putHeader("Cache-Control", "no-store")
        .end();
  }
}
