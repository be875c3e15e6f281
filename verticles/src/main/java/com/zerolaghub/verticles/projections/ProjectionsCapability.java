package com.zerolaghub.verticles.projections;

import com.zerolaghub.events.operators.OperatorEvent;
import com.zerolaghub.projections.ProjectionOptions;
import com.zerolaghub.projections.ProjectionRuntime;
import com.zerolaghub.verticles.http.ApiRoutes;
import com.zerolaghub.verticles.http.Authentication;
import com.zerolaghub.verticles.http.ReadinessCheck;
import com.zerolaghub.verticles.node.Capability;
import com.zerolaghub.verticles.node.PlatformContext;
import com.zerolaghub.verticles.node.ReadModels;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.List;

/**
 * The node's projection runtime. Capabilities register their read models while they start
 * ({@link #runtime()}, available once {@link #setup()} ran); {@link #launch()}, listed after
 * them, starts every processor. Also binds the operators' admin operations.
 */
public final class ProjectionsCapability implements ReadModels {
  private final Authentication auth;
  private final Clock clock;
  private ProjectionRuntime runtime;

  public ProjectionsCapability(Authentication auth) {
    this(auth, Clock.systemUTC());
  }

  public ProjectionsCapability(Authentication auth, Clock clock) {
    this.auth = auth;
    this.clock = clock;
  }

  /** The runtime to register read models on; only between {@link #setup()} and {@link #launch()}. */
  @Override
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
        ctx.codec().register(OperatorEvent.TYPES);
        ProjectionEndpoints endpoints = new ProjectionEndpoints(ProjectionsCapability.this::runtime,
            new ProjectionActions(ctx.store(), clock));
        api.operation("listProjections", auth.admin(), endpoints::list);
        api.operation("rebuildProjection", auth.admin(), endpoints::rebuild);
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
}
