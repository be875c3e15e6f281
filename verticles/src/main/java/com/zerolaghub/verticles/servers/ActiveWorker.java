package com.zerolaghub.verticles.servers;

import com.zerolaghub.core.servers.run.OperationRun;
import com.zerolaghub.events.Fences;
import com.zerolaghub.projections.MemoryView;
import com.zerolaghub.projections.servers.ServerDirectory;
import com.zerolaghub.verticles.node.NodeName;
import com.zerolaghub.verticles.node.PlatformContext;
import com.zerolaghub.verticles.provisioning.OperationsWorker;
import io.vertx.core.Future;
import java.util.UUID;
import java.util.function.Function;

/** This node's operations worker, if it runs one: a fresh instance (its own lease owner) can replace it. */
final class ActiveWorker {
  private volatile Function<String, OperationsWorker> make;
  private volatile OperationsWorker worker;

  /** Workers run {@code runner} on the directory's open operations; set once servers started. */
  void makeWith(PlatformContext ctx, MemoryView<ServerDirectory> directory, OperationRun runner) {
    Fences fences = ctx.fences();
    String owner = NodeName.of(ctx.config()) + "/worker-";
    this.make = id -> new OperationsWorker(ctx.vertx(), ctx.redis(), fences, directory, runner,
        ctx.config().servers().workerConcurrency(), owner + id);
  }

  /**
   * Stops the current worker (if any) and starts a fresh instance with its own lease owner: it
   * takes over once it holds the lease and resumes every open operation from the log.
   */
  Future<Void> replace() {
    OperationsWorker old = worker;
    OperationsWorker fresh = make.apply(UUID.randomUUID().toString());
    Future<Void> stopped = old == null ? Future.succeededFuture() : old.stop();
    return stopped.compose(v -> {
      worker = fresh;
      return fresh.start();
    });
  }

  /** The active instance, or null on nodes without the workers role. */
  OperationsWorker current() {
    return worker;
  }

  /** The directory changed: the worker looks for operations now rather than at its next poll. */
  void wake() {
    OperationsWorker w = worker;
    if (w != null) w.wake();
  }

  /** Stops at its runs' next step and releases its lease; another node's worker resumes them. */
  Future<Void> stop() {
    OperationsWorker w = worker;
    return w == null ? Future.succeededFuture() : w.stop();
  }
}
