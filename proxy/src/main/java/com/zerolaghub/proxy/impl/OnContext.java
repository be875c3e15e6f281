package com.zerolaghub.proxy.impl;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/**
 * Brings a future's completion back to a given context. Clients such as Redis complete on
 * their connection's event loop; a request (its pause/resume, its response) must be driven
 * from its own.
 */
public final class OnContext {
  private OnContext() {}

  public static <T> Future<T> of(Context context, Future<T> future) {
    Promise<T> promise = Promise.promise();
    future.onComplete(result -> {
      if (Vertx.currentContext() == context) {
        promise.handle(result);
      } else {
        context.runOnContext(v -> promise.handle(result));
      }
    });
    return promise.future();
  }
}
