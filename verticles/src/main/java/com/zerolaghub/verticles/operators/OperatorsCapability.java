package com.zerolaghub.verticles.operators;

import com.zerolaghub.core.billing.BillingStandings;
import com.zerolaghub.verticles.http.ApiRoutes;
import com.zerolaghub.verticles.http.Authentication;
import com.zerolaghub.verticles.node.Capability;
import com.zerolaghub.verticles.node.NodeName;
import com.zerolaghub.verticles.node.PlatformContext;
import io.vertx.core.Future;
import java.time.Clock;

/**
 * What the operator console reads across capabilities (issue 19): an account's dossier, servers
 * across accounts, a ticket's triage, the overview with its node roster. Reads only; the actions
 * stay with the capabilities that own them.
 */
public final class OperatorsCapability implements Capability {
  private final Authentication auth;
  private final ServerProbes servers;
  private final BillingStandings standings;
  private NodeRoster roster;

  public OperatorsCapability(Authentication auth, ServerProbes servers, BillingStandings standings) {
    this.auth = auth;
    this.servers = servers;
    this.standings = standings;
  }

  @Override
  public String name() {
    return "operators";
  }

  @Override
  public Future<Void> start(PlatformContext ctx, ApiRoutes api) {
    if (!ctx.config().roles().api()) return Future.succeededFuture();
    api.operation("getAccountDossier", auth.admin(), new AccountDossier(ctx.pool(), standings)::get);
    api.operation("listServersAcrossAccounts", auth.admin(), new ServersAcrossAccounts(ctx.pool(), servers::proxmox)::list);
    api.operation("triageSupportTicket", auth.admin(), new TicketTriage(ctx.pool(), servers)::get);
    roster = new NodeRoster(ctx.vertx(), ctx.redis(), NodeName.of(ctx.config()), ctx.config().roles(), Clock.systemUTC());
    roster.start();
    api.operation("adminOverview", auth.admin(), new OperatorsOverview(ctx.pool(), ctx.redis(), ctx.meterRegistry(), roster)::get);
    api.operation("drainNode", auth.admin(), new NodeDrainEndpoint(ctx.drain(), NodeName.of(ctx.config()))::drain);
    return Future.succeededFuture();
  }

  /** A draining node leaves the overview's roster at once: it takes no new work. */
  @Override
  public Future<Void> drain() {
    return stop();
  }

  @Override
  public Future<Void> stop() {
    return roster == null ? Future.succeededFuture() : roster.stop();
  }
}
