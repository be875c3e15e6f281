package com.zerolaghub.verticles.servers;

import com.zerolaghub.core.billing.GatedAction;
import com.zerolaghub.core.command.Rejection;
import com.zerolaghub.core.servers.AgentAction;
import com.zerolaghub.verticles.http.ApiRoutes;
import com.zerolaghub.verticles.http.Authentication;
import com.zerolaghub.verticles.http.ValidatedRequests;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The servers' routes, by area: instances and operations, a server and its host, the agent's
 * game, files, backups and code-server, the catalog and Velocity resync, uploads and the live
 * events socket. Billing's gates stand before create, host start, game start and backups.
 */
final class ServersEndpoints {
  private final Authentication auth;
  private final Supplier<BillingGates> gates;

  ServersEndpoints(Authentication auth, Supplier<BillingGates> gates) {
    this.auth = auth;
    this.gates = gates;
  }

  /** Binds every route on {@code api}; the handlers share {@code serverApi}. */
  void bind(ApiRoutes api, ServerApi serverApi, ServerCreation creation, ServerStatusProbe status, AdminServerActions actions,
            LiveEventsSocket socket, long uploadLimitBytes) {
    InstanceHandlers instances = new InstanceHandlers(serverApi, creation);
    ServerHandlers servers = new ServerHandlers(serverApi, status);
    AgentCalls calls = new AgentCalls(serverApi);
    AgentHandlers agent = new AgentHandlers(calls, serverApi.ports().agents());
    AdminHandlers admin = new AdminHandlers(serverApi, actions);
    FileUploads uploads = new FileUploads(calls, serverApi.ports().agents(), uploadLimitBytes);
    api.operation("createInstance", auth.required(), gated(GatedAction.CREATE_SERVER), instances::create);
    api.operation("getOperation", auth.required(), instances::operation);
    api.operation("listServers", auth.required(), servers::list);
    api.operation("getServer", auth.required(), servers::get);
    api.operation("deleteServer", auth.required(), servers::delete);
    api.operation("getServerStatus", auth.required(), servers::status);
    api.operation("hostAction", auth.required(), gatedHostStart(), servers::hostAction);
    api.operation("gameStart", auth.required(), gated(GatedAction.GAME_START), rc -> agent.game(rc, AgentAction.GAME_START));
    api.operation("gameStop", auth.required(), rc -> agent.game(rc, AgentAction.GAME_STOP));
    api.operation("gameRestart", auth.required(), gated(GatedAction.GAME_START), rc -> agent.game(rc, AgentAction.GAME_RESTART));
    api.operation("gameCommand", auth.required(), agent::command);
    api.operation("listFiles", auth.required(), agent::listFiles);
    api.operation("readFile", auth.required(), agent::readFile);
    api.operation("createBackup", auth.required(), gated(GatedAction.BACKUP), agent::createBackup);
    api.operation("listBackups", auth.required(), agent::listBackups);
    api.operation("restoreBackup", auth.required(), gated(GatedAction.BACKUP), agent::restoreBackup);
    api.operation("codeServerAction", auth.required(), agent::codeServer);
    api.operation("getCatalog", admin::catalog);
    api.operation("velocityResync", auth.admin(), admin::velocityResync);
    api.routes(router -> {
      uploads.install(router, auth);
      socket.install(router, auth);
    });
  }

  private Handler<RoutingContext> gated(GatedAction action) {
    return ctx -> {
      Optional<Rejection> refused = gates.get().check(Authentication.principal(ctx).userId(), action);
      if (refused.isPresent()) ctx.fail(refused.get());
      else ctx.next();
    };
  }

  private Handler<RoutingContext> gatedHostStart() {
    Handler<RoutingContext> gate = gated(GatedAction.HOST_START);
    return ctx -> {
      // Stopping is always allowed: billing never keeps a customer from shutting a host down.
      if ("stop".equals(ValidatedRequests.pathParam(ctx, "action"))) ctx.next();
      else gate.handle(ctx);
    };
  }
}
