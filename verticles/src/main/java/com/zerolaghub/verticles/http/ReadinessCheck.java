package com.zerolaghub.verticles.http;

import io.vertx.core.Future;
import java.util.function.Supplier;

/**
 * One condition for {@code /health/ready}: the node takes traffic only while every check
 * answers true. A check that fails, answers false or takes longer than two seconds counts as
 * not ready. Checks run on an event loop and must not block.
 */
public interface ReadinessCheck {
  /** Short stable name shown in the readiness answer ("postgres", "projections"). */
  String name();

  Future<Boolean> ready();

  static ReadinessCheck of(String name, Supplier<Future<Boolean>> ready) {
    return new ReadinessCheck() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Future<Boolean> ready() {
        return ready.get();
      }
    };
  }
}
