package com.zerolaghub.simulators;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.function.Supplier;

/** First handler of every simulator route: applies the current {@link FaultPlan} before the real handler runs. */
final class FaultInjector implements Handler<RoutingContext> {
  /** Routing-context key of the forced answer's error text, when the rule names one. */
  static final String MESSAGE = "zlh.fault.message";

  /** Writes a forced error answer in the simulated system's own format. */
  interface ForcedAnswer {
    void send(RoutingContext ctx, int status);
  }

  private final Vertx vertx;
  private final Supplier<FaultPlan> plan;
  private final ForcedAnswer forcedAnswer;

  FaultInjector(Vertx vertx, Supplier<FaultPlan> plan, ForcedAnswer forcedAnswer) {
    this.vertx = vertx;
    this.plan = plan;
    this.forcedAnswer = forcedAnswer;
  }

  @Override
  public void handle(RoutingContext ctx) {
    FaultPlan current = plan.get();
    Optional<FaultPlan.Rule> rule = current.ruleFor(ctx.request().method().name(), ctx.request().path());
    long latency = current.latency().toMillis();
    if (latency <= 0) {
      apply(ctx, rule);
      return;
    }
    // hold the body back while we wait, the real handler reads it
    ctx.request().pause();
    vertx.setTimer(latency, id -> {
      ctx.request().resume();
      apply(ctx, rule);
    });
  }

  private void apply(RoutingContext ctx, Optional<FaultPlan.Rule> rule) {
    if (rule.isEmpty()) {
      ctx.next();
      return;
    }
    switch (rule.get().kind()) {
      case STATUS:
        if (rule.get().message() != null) {
          ctx.put(MESSAGE, rule.get().message());
        }
        forcedAnswer.send(ctx, rule.get().status());
        break;
      case DROP:
        ctx.request().connection().close();
        break;
      case HANG:
      default:
        // never answer
        break;
    }
  }
}
