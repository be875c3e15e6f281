package com.zerolaghub.verticles.servers;

import com.zerolaghub.core.command.Rejection;
import com.zerolaghub.core.servers.CreateServer;
import com.zerolaghub.core.servers.Creation;
import com.zerolaghub.core.servers.OperationView;
import com.zerolaghub.core.servers.OperationViews;
import com.zerolaghub.core.servers.Requester;
import com.zerolaghub.core.servers.ServerSpecValidation;
import com.zerolaghub.core.servers.ServerStreams;
import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.events.servers.ServerSpec;
import com.zerolaghub.verticles.http.FieldError;
import com.zerolaghub.verticles.http.ProblemException;
import com.zerolaghub.verticles.http.ProblemType;
import com.zerolaghub.verticles.http.ValidatedRequests;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** {@code POST /api/instances} (R2.1) and {@code GET /api/operations/:id}. */
final class InstanceHandlers {
  /** Every account is on this plan until billing assigns plans. */
  static final String ACCOUNT_PLAN = "starter";
  static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private final ServerApi api;
  private final ServerCreation creation;

  InstanceHandlers(ServerApi api, ServerCreation creation) {
    this.api = api;
    this.creation = creation;
  }

  /** Validates, records the server and its queued provisioning operation, answers 202 at once. */
  void create(RoutingContext ctx) {
    Requester requester = Callers.requester(ctx);
    ServerSpec spec = spec(ValidatedRequests.body(ctx));
    String key = ctx.request().getHeader(IDEMPOTENCY_KEY);
    List<Rejection.FieldError> keyErrors = ServerSpecValidation.validateIdempotencyKey(key);
    if (!keyErrors.isEmpty()) throw new Rejection(Rejection.Kind.INVALID, "validation", "the Idempotency-Key header is invalid", keyErrors);
    CreateServer command = new CreateServer(requester.userId(), ACCOUNT_PLAN, key, spec,
        UUID.randomUUID().toString(), UUID.randomUUID().toString(), api.clock().instant());
    EventMetadata metadata = Callers.metadata(ctx).withIdempotencyKey(key);
    creation.create(command, metadata).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      Creation.Accepted accepted = ar.result();
      api.operations().remember(accepted.operationId(), accepted.serverId(), requester.userId());
      accepted(ctx, accepted.operationId(), accepted.serverId());
    });
  }

  /** The operation as its server's stream folds it; 404 for another customer's. */
  void operation(RoutingContext ctx) {
    String operationId = ValidatedRequests.pathParam(ctx, "operationId");
    Requester requester = Callers.requester(ctx);
    api.operations().find(operationId)
        .compose(found -> {
          if (found.isEmpty() || !(requester.admin() || found.get().ownerId().equals(requester.userId()))) {
            throw notFound();
          }
          return api.log().read(ServerStreams.server(found.get().serverId()));
        })
        .onComplete(ar -> {
          if (ar.failed()) {
            ctx.fail(ar.cause());
            return;
          }
          OperationView view = OperationViews.fold(ar.result()).get(operationId);
          if (view == null) {
            ctx.fail(notFound());
            return;
          }
          ctx.json(ServerJson.operation(view));
        });
  }

  static void accepted(RoutingContext ctx, String operationId, String serverId) {
    ctx.response().setStatusCode(202).putHeader("Location", "/api/operations/" + operationId);
    ctx.json(new JsonObject().put("operationId", operationId).put("serverId", serverId));
  }

  private static ProblemException notFound() {
    return new ProblemException(ProblemType.NOT_FOUND, "no such operation");
  }

  /** The body as a spec of its type; fields of the other type are refused, not ignored. */
  static ServerSpec spec(JsonObject body) {
    String type = body.getString("type");
    List<FieldError> wrong = new ArrayList<>();
    ServerSpec spec;
    if ("game".equals(type)) {
      for (String f : List.of("runtime", "version", "codeServer")) {
        if (body.containsKey(f)) wrong.add(new FieldError(f, "is not a field of a game server"));
      }
      spec = new ServerSpec.Game(body.getString("name"), body.getString("variant"), body.getString("plan"));
    } else {
      if (body.containsKey("variant")) wrong.add(new FieldError("variant", "is not a field of a dev server"));
      spec = new ServerSpec.Dev(body.getString("name"), body.getString("runtime"), body.getString("version"),
          body.getBoolean("codeServer", false), body.getString("plan"));
    }
    if (!wrong.isEmpty()) throw new ProblemException(ProblemType.VALIDATION, "the server request has invalid fields", wrong);
    return spec;
  }
}
