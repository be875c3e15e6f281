package com.zerolaghub.projections;

import com.zerolaghub.events.Checkpoint;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/** Callers waiting for a published view to reach a checkpoint. Safe from any thread. */
final class CheckpointWaiters {
  private record Waiter(Checkpoint checkpoint, Context context, Promise<Void> promise) {}

  private final PriorityQueue<Waiter> waiting = new PriorityQueue<>(Comparator.comparing(Waiter::checkpoint));
  private volatile Checkpoint reached = Checkpoint.START;

  /** Completes (on the caller's context, if any) once {@link #reached} was told {@code checkpoint} or later. */
  Future<Void> await(Checkpoint checkpoint) {
    if (reached.compareTo(checkpoint) >= 0) return Future.succeededFuture();
    Context context = Vertx.currentContext();
    synchronized (this) {
      if (reached.compareTo(checkpoint) >= 0) return Future.succeededFuture();
      Promise<Void> promise = Promise.promise();
      waiting.add(new Waiter(checkpoint, context, promise));
      return promise.future();
    }
  }

  /** The published view now holds everything up to {@code checkpoint}; never moves back. */
  void reached(Checkpoint checkpoint) {
    List<Waiter> due = new ArrayList<>();
    synchronized (this) {
      if (checkpoint.compareTo(reached) > 0) reached = checkpoint;
      while (!waiting.isEmpty() && waiting.peek().checkpoint().compareTo(reached) <= 0) due.add(waiting.poll());
    }
    for (Waiter w : due) {
      if (w.context() == null) w.promise().complete();
      else w.context().runOnContext(v -> w.promise().complete());
    }
  }
}
