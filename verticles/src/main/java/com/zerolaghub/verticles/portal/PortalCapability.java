package com.zerolaghub.verticles.portal;

import com.zerolaghub.verticles.http.ApiRoutes;
import com.zerolaghub.verticles.node.Capability;
import com.zerolaghub.verticles.node.PlatformContext;
import io.vertx.core.Future;

/** The customer portal's static web app, served at {@code /} by every node with the {@code api} role. */
public final class PortalCapability implements Capability {
  @Override
  public String name() {
    return "portal";
  }

  @Override
  public Future<Void> start(PlatformContext ctx, ApiRoutes api) {
    if (!ctx.config().roles().api()) return Future.succeededFuture();
    ClassLoader loader = PortalCapability.class.getClassLoader();
    return ctx.vertx().executeBlocking(() -> PortalFiles.load(loader))
        .map(files -> {
          PortalRoutes routes = new PortalRoutes(files);
          api.routes(routes::mountOn);
          return null;
        });
  }
}
