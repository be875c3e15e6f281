package com.zerolaghub.verticles.projections;

import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.events.EventStore;
import com.zerolaghub.events.ExpectedVersion;
import com.zerolaghub.events.NewEvent;
import com.zerolaghub.events.StreamId;
import com.zerolaghub.events.operators.OperatorEvent;
import com.zerolaghub.events.operators.OperatorEvent.ProjectionRebuildRequested;
import com.zerolaghub.projections.ProjectionOptions;
import com.zerolaghub.projections.ProjectionRuntime;
import com.zerolaghub.projections.ProjectionStatus;
import com.zerolaghub.verticles.http.ApiRoutes;
import com.zerolaghub.verticles.http.Authentication;
import com.zerolaghub.verticles.http.ProblemException;
import com.zerolaghub.verticles.http.ProblemType;
import com.zerolaghub.verticles.http.ReadinessCheck;
import com.zerolaghub.verticles.http.ValidatedRequests;
import com.zerolaghub.verticles.node.Capability;
import com.zerolaghub.verticles.node.PlatformContext;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.List;

/**
 * The node's projection runtime. Capabilities register their read models while they start
 * ({@link #runtime()}, available once {@link #setup()} ran); {@link #launch()}, listed after
 * them, starts every processor. Also binds the operators' admin operations.
 */
public final class ProjectionsCapability {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ProjectionsCapability.class);
  private final Authentication auth;
  private final Clock clock;
  private ProjectionRuntime runtime;
  private EventStore store;

  public ProjectionsCapability(Authentication auth) {
    this(auth, Clock.systemUTC());
  }

  public ProjectionsCapability(Authentication auth, Clock clock) {
    this.auth = auth;
    this.clock = clock;
  }

  /** The runtime to register read models on; only between {@link #setup()} and {@link #launch()}. */
  public ProjectionRuntime runtime() {
    if (runtime == null) throw new IllegalStateException("the projections setup capability has not started yet");
    return runtime;
  }

  /** First in the start order: creates the runtime and binds the admin operations. */
  public Capability setup() {
    return new Capability() {
      @Override
      public String name() {
        return "projections-setup";
      }

      @Override
      public Future<Void> start(PlatformContext ctx, ApiRoutes api) {
        runtime = new ProjectionRuntime(ctx.vertx(), ctx.store(), ctx.codec(), ctx.pool(), ctx.redis(),
            ctx.meterRegistry(), new ProjectionOptions());
        store = ctx.store();
        ctx.codec().register(OperatorEvent.TYPES);
        api.operation("listProjections", auth.admin(), ProjectionsCapability.this::list);
        api.operation("rebuildProjection", auth.admin(), ProjectionsCapability.this::rebuild);
        return Future.succeededFuture();
      }
    };
  }

  /** After every capability that registers read models: starts them all. */
  public Capability launch() {
    return new Capability() {
      @Override
      public String name() {
        return "projections";
      }

      @Override
      public Future<Void> start(PlatformContext ctx, ApiRoutes api) {
        return runtime().start();
      }

      @Override
      public Future<Void> stop() {
        return runtime == null ? Future.succeededFuture() : runtime.stop();
      }

      @Override
      public List<ReadinessCheck> readinessChecks() {
        Future<Void> caughtUp = runtime().caughtUp();
        return List.of(ReadinessCheck.of("projections", () -> Future.succeededFuture(caughtUp.succeeded())));
      }
    };
  }

  private void list(RoutingContext ctx) {
    JsonArray all = new JsonArray();
    runtime().status().forEach(s -> all.add(toJson(s)));
    ctx.json(new JsonObject().put("projections", all));
  }

  private void rebuild(RoutingContext ctx) {
    String name = ValidatedRequests.pathParam(ctx, "name");
    ProjectionStatus current = runtime().status().stream().filter(s -> s.name().equals(name)).findFirst()
        .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "no projection named '" + name + "'"));
    JsonObject body = ValidatedRequests.body(ctx);
    String reason = body == null ? null : body.getString("reason");
    String admin = Authentication.principal(ctx).userId();
    // Recorded first, so the log says who asked and why even if this node stops mid-rebuild.
    NewEvent asked = NewEvent.of(new ProjectionRebuildRequested(name, current.generation(), admin, reason, clock.instant()),
        EventMetadata.system("user:" + admin));
    store.append(StreamId.of("projection", name), ExpectedVersion.ANY, List.of(asked)).onSuccess(appended -> {
      // The rebuild runs on; its progress shows in the list (a second entry while catching up).
      runtime().rebuild(name).onFailure(err -> LOG.warn("rebuild of {} failed: {}", name, err.getMessage()));
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
