package com.zerolaghub.verticles.servers;

import com.zerolaghub.core.servers.Catalog;
import com.zerolaghub.events.servers.ResourcePlan;
import com.zerolaghub.projections.servers.ServerDirectory;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import com.zerolaghub.verticles.http.AdminReason;
import com.zerolaghub.verticles.http.ValidatedRequests;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The catalog for the portal (R2.10) and the Velocity resync (R2.9). */
final class AdminHandlers {
  private static final Logger log = LoggerFactory.getLogger(AdminHandlers.class);
  private final ServerApi api;
  private final AdminServerActions actions;

  AdminHandlers(ServerApi api, AdminServerActions actions) {
    this.api = api;
    this.actions = actions;
  }

  void catalog(RoutingContext ctx) {
    Catalog c = api.catalog();
    JsonArray variants = new JsonArray();
    c.variants().forEach(v -> variants.add(new JsonObject().put("id", v.id()).put("label", v.label()).put("minMemoryMib", v.minMemoryMib())));
    JsonArray plans = new JsonArray();
    c.gamePlans().forEach(p -> plans.add(plan(p)));
    JsonArray devPlans = new JsonArray();
    c.devPlans().forEach(p -> devPlans.add(plan(p)));
    JsonArray runtimes = new JsonArray();
    c.runtimes().forEach(r -> runtimes.add(new JsonObject().put("id", r.id()).put("label", r.label()).put("versions", new JsonArray(r.versions()))));
    ctx.json(new JsonObject()
        .put("game", new JsonObject().put("variants", variants).put("plans", plans))
        .put("dev", new JsonObject().put("runtimes", runtimes).put("plans", devPlans)
            .put("plan", plan(c.defaultDevPlan())).put("codeServer", true)));
  }

  private static JsonObject plan(ResourcePlan p) {
    return new JsonObject().put("id", p.id()).put("memoryMib", p.memoryMib()).put("cores", p.cores()).put("diskGib", p.diskGib());
  }

  /**
   * Registers every running game server whose registration the log records again (Velocity
   * forgets them when it restarts). Registration is idempotent on the bridge. The
   * administrator's reason is required: each server covered records it before the calls.
   */
  void velocityResync(RoutingContext ctx) {
    JsonObject body = ValidatedRequests.body(ctx);
    String reason = AdminReason.require(body == null ? null : body.getString("reason"), "resyncs Velocity");
    List<ServerDirectory.Server> servers = api.directory().current().registeredGameServers();
    actions.velocityResyncRequested(servers.stream().map(ServerDirectory.Server::serverId).toList(),
            Callers.requester(ctx).userId(), reason, Callers.metadata(ctx))
        .onSuccess(recorded -> resync(ctx, servers))
        .onFailure(ctx::fail);
  }

  private void resync(RoutingContext ctx, List<ServerDirectory.Server> servers) {
    int port = api.config().servers().gamePort();
    List<Future<String>> calls = new ArrayList<>();
    for (ServerDirectory.Server s : servers) {
      calls.add(api.ports().velocity().register(s.slug(), s.address(), port).map(s.slug()));
    }
    Future.join(calls).onComplete(done -> {
      JsonArray registered = new JsonArray();
      JsonArray failed = new JsonArray();
      for (int i = 0; i < calls.size(); i++) {
        Future<String> f = calls.get(i);
        if (f.succeeded()) registered.add(f.result());
        else failed.add(new JsonObject().put("name", servers.get(i).slug()).put("reason", String.valueOf(f.cause().getMessage())));
      }
      log.atInfo().setMessage("velocity resync").addKeyValue("registered", registered.size()).addKeyValue("failed", failed.size()).log();
      ctx.json(new JsonObject().put("registered", registered).put("failed", failed));
    });
  }
}
