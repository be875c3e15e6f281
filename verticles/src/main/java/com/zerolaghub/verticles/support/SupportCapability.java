package com.zerolaghub.verticles.support;

import com.zerolaghub.events.support.SupportEvent;
import com.zerolaghub.projections.MemoryView;
import com.zerolaghub.projections.ProjectionRuntime;
import com.zerolaghub.verticles.http.ApiRoutes;
import com.zerolaghub.verticles.http.Authentication;
import com.zerolaghub.verticles.projections.ProjectionsCapability;
import com.zerolaghub.verticles.runtime.Capability;
import com.zerolaghub.verticles.runtime.PlatformContext;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.Objects;

/**
 * Support: tickets (numbered through the log), server notepads, and the notification outbox
 * that mails customers and alerts operators on Discord. Start it after the projections setup
 * and before their launch.
 */
public final class SupportCapability implements Capability {
  private final Authentication auth;
  private final ProjectionsCapability projections;
  private final Clock clock;

  public SupportCapability(Authentication auth, ProjectionsCapability projections, Clock clock) {
    this.auth = Objects.requireNonNull(auth, "auth");
    this.projections = Objects.requireNonNull(projections, "projections");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public String name() {
    return "support";
  }

  @Override
  public Future<Void> start(PlatformContext ctx, ApiRoutes api) {
    ctx.codec().register(SupportEvent.TYPES);
    ProjectionRuntime runtime = projections.runtime();
    MemoryView<TicketBook.Snapshot> tickets = runtime.register(new TicketBook());
    if (ctx.config().roles().api()) {
      ServerOwners owners = new ServerOwners(ctx.store());
      new TicketEndpoints(ctx.vertx(), new TicketActions(ctx.vertx(), ctx.store(), clock), tickets, owners, ctx.pool()).bind(api, auth);
      new NotesEndpoints(ctx.store(), ctx.codec(), owners, clock).bind(api, auth);
    }
    return Future.succeededFuture();
  }
}
