package com.zerolaghub.verticles.servers;

import com.zerolaghub.core.command.CommandResult;
import com.zerolaghub.core.servers.AgentActions;
import com.zerolaghub.core.servers.Requester;
import com.zerolaghub.core.servers.ServerCommand;
import com.zerolaghub.core.servers.ServerDecider;
import com.zerolaghub.core.servers.ServerState;
import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.events.servers.HostAction;
import com.zerolaghub.verticles.http.ProblemException;
import com.zerolaghub.verticles.http.ProblemType;
import com.zerolaghub.verticles.http.ValidatedRequests;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/**
 * Servers: list, read, status, host power (R2.3) and delete with its failsafe (R2.4). Single
 * servers are read from their stream (the truth, never behind); the listing from the servers
 * table. A server that is not the caller's is answered 404, as one that does not exist.
 */
final class ServerHandlers {
  static final int DEFAULT_LIMIT = 100;
  private static final ServerDecider DECIDER = new ServerDecider();

  private final ServerApi api;
  private final ServerStatusProbe status;

  ServerHandlers(ServerApi api, ServerStatusProbe status) {
    this.api = api;
    this.status = status;
  }

  void list(RoutingContext ctx) {
    Requester requester = Callers.requester(ctx);
    RequestParameter limitParam = ValidatedRequests.query(ctx, "limit");
    int limit = limitParam == null || limitParam.isNull() ? DEFAULT_LIMIT : limitParam.getInteger();
    Future<RowSet<Row>> rows = requester.admin()
        ? api.pool().preparedQuery("SELECT * FROM servers ORDER BY created_at, server_id LIMIT $1").execute(Tuple.of(limit))
        : api.pool().preparedQuery("SELECT * FROM servers WHERE owner_id = $1 ORDER BY created_at, server_id LIMIT $2")
            .execute(Tuple.of(requester.userId(), limit));
    rows.onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      HttpServerResponse response = ctx.response();
      if (!response.headers().contains(HttpHeaders.CONTENT_TYPE)) {
        response.putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
      }
      response.end(api.json().listing(ar.result()));
    });
  }

  void get(RoutingContext ctx) {
    visible(ctx).onComplete(ar -> {
      if (ar.failed()) ctx.fail(ar.cause());
      else ctx.json(api.json().server(ar.result()));
    });
  }

  void status(RoutingContext ctx) {
    visible(ctx).compose(status::probe).onComplete(ar -> {
      if (ar.failed()) ctx.fail(ar.cause());
      else ctx.json(ar.result());
    });
  }

  /** {@code POST …/host/start|stop|restart}: 202 with the operation the worker runs. */
  void hostAction(RoutingContext ctx) {
    String serverId = ValidatedRequests.pathParam(ctx, "serverId");
    HostAction action = HostAction.fromWire(ValidatedRequests.pathParam(ctx, "action"))
        .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "no such host action"));
    Requester requester = Callers.requester(ctx);
    String operationId = UUID.randomUUID().toString();
    EventMetadata metadata = Callers.metadata(ctx).withCorrelation(operationId);
    JsonObject body = ValidatedRequests.body(ctx);
    String reason = body == null ? null : body.getString("reason");
    // An administrator's reason rides as the causation, as billing's does ("billing:suspended").
    if (requester.admin() && reason != null && !reason.isBlank()) metadata = metadata.withCausation("admin: " + reason.strip());
    api.commands().handle(ServerDecider.stream(serverId), DECIDER,
            new ServerCommand.RequestHostAction(requester, action, operationId, api.clock().instant()), metadata)
        .onComplete(ar -> answerOperation(ctx, ar.succeeded() ? ar.result() : null, ar.cause()));
  }

  /**
   * {@code DELETE /api/servers/:id}: refused (409, "Please stop the host first") while the host
   * may run; otherwise 202 with the teardown operation — the same one when already deleting.
   */
  void delete(RoutingContext ctx) {
    String serverId = ValidatedRequests.pathParam(ctx, "serverId");
    String operationId = UUID.randomUUID().toString();
    api.commands().handle(ServerDecider.stream(serverId), DECIDER,
            new ServerCommand.RequestDeletion(Callers.requester(ctx), operationId, api.clock().instant()),
            Callers.metadata(ctx).withCorrelation(operationId))
        .onComplete(ar -> answerOperation(ctx, ar.succeeded() ? ar.result() : null, ar.cause()));
  }

  private void answerOperation(RoutingContext ctx, CommandResult<ServerState> result, Throwable failure) {
    if (failure != null) {
      ctx.fail(failure);
      return;
    }
    ServerState s = result.state();
    api.operations().remember(s.operation().operationId(), s.serverId(), s.ownerId());
    InstanceHandlers.accepted(ctx, s.operation().operationId(), s.serverId());
  }

  /** The server's state when the caller may see it; 404 otherwise. */
  Future<ServerState> visible(RoutingContext ctx) {
    String serverId = ValidatedRequests.pathParam(ctx, "serverId");
    Requester requester = Callers.requester(ctx);
    return api.log().load(serverId).map(loaded -> {
      AgentActions.checkVisible(requester, loaded.state());
      return loaded.state();
    });
  }
}
