package com.zerolaghub.verticles.servers;

import com.zerolaghub.core.accounts.Principal;
import com.zerolaghub.core.servers.Requester;
import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.verticles.http.Authentication;
import com.zerolaghub.verticles.http.RequestIds;
import io.vertx.ext.web.RoutingContext;

/** Who calls and what their requests' events carry: always from the authenticated principal. */
final class Callers {
  private Callers() {}

  static Requester requester(RoutingContext ctx) {
    Principal p = Authentication.principal(ctx);
    return new Requester(p.userId(), p.isAdmin());
  }

  static EventMetadata metadata(RoutingContext ctx) {
    Principal p = Authentication.principal(ctx);
    return new EventMetadata("user:" + p.userId(), RequestIds.of(ctx), RequestIds.of(ctx), null,
        ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().hostAddress(), null);
  }
}
