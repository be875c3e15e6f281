package com.zerolaghub.verticles.projections;

import com.zerolaghub.projections.ProjectionRuntime;
import com.zerolaghub.projections.ProjectionStatus;
import com.zerolaghub.verticles.http.Authentication;
import com.zerolaghub.verticles.http.ProblemException;
import com.zerolaghub.verticles.http.ProblemType;
import com.zerolaghub.verticles.http.ValidatedRequests;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;

/** The operators' projection operations: list every read model's state, and rebuild one. */
final class ProjectionEndpoints {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ProjectionEndpoints.class);
  private final Supplier<ProjectionRuntime> runtime;
  private final ProjectionActions actions;

  ProjectionEndpoints(Supplier<ProjectionRuntime> runtime, ProjectionActions actions) {
    this.runtime = runtime;
    this.actions = actions;
  }

  void list(RoutingContext ctx) {
    JsonArray all = new JsonArray();
    runtime.get().status().forEach(s -> all.add(toJson(s)));
    ctx.json(new JsonObject().put("projections", all));
  }

  void rebuild(RoutingContext ctx) {
    String name = ValidatedRequests.pathParam(ctx, "name");
    ProjectionStatus current = runtime.get().status().stream().filter(s -> s.name().equals(name)).findFirst()
        .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "no projection named '" + name + "'"));
    JsonObject body = ValidatedRequests.body(ctx);
    String reason = body == null ? null : body.getString("reason");
    String admin = Authentication.principal(ctx).userId();
    // Recorded first, so the log says who asked and why even if this node stops mid-rebuild.
    actions.rebuildRequested(name, current.generation(), admin, reason).onSuccess(appended -> {
      // The rebuild runs on; its progress shows in the list (a second entry while catching up).
      runtime.get().rebuild(name).onFailure(err -> LOG.warn("rebuild of {} failed: {}", name, err.getMessage()));
      ctx.response().setStatusCode(202);
      ctx.json(toJson(current).put("state", "rebuilding"));
    }).onFailure(ctx::fail);
  }

  static JsonObject toJson(ProjectionStatus s) {
    JsonObject json = new JsonObject().put("name", s.name()).put("kind", s.kind().label()).put("generation", s.generation())
        .put("state", s.state().label()).put("checkpoint", s.checkpoint().toString())
        .put("lagEvents", s.lagEvents()).put("lagSeconds", s.lagSeconds());
    if (s.error() != null) json.put("error", s.error());
    return json;
  }
}
