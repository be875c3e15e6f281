package com.zerolaghub.verticles.timeline;

import com.zerolaghub.verticles.http.ApiRoutes;
import com.zerolaghub.verticles.http.Authentication;
import com.zerolaghub.verticles.node.Capability;
import com.zerolaghub.verticles.node.PlatformContext;
import io.vertx.core.Future;

/** The story of a server, an account or a ticket, read from the log (issue 19): for operators and for the owner. */
public final class TimelineCapability implements Capability {
  private final Authentication auth;

  public TimelineCapability(Authentication auth) {
    this.auth = auth;
  }

  @Override
  public String name() {
    return "timeline";
  }

  @Override
  public Future<Void> start(PlatformContext ctx, ApiRoutes api) {
    TimelineEndpoints endpoints = new TimelineEndpoints(new TimelineReads(ctx.pool()));
    api.operation("adminTimeline", auth.admin(), endpoints::forOperators);
    api.operation("adminEvent", auth.admin(), endpoints::raw);
    api.operation("serverTimeline", auth.required(), endpoints::forOwner);
    return Future.succeededFuture();
  }
}
