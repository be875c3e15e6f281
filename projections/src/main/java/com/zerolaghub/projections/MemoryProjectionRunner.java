package com.zerolaghub.projections;

import com.zerolaghub.events.Checkpoint;
import com.zerolaghub.events.EventStore;
import com.zerolaghub.projections.ProjectionStatus.Kind;
import com.zerolaghub.projections.ProjectionStatus.State;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps one memory projection live on this node: folds the whole log into a fresh model at
 * start, then publishes a view per batch. A rebuild folds another fresh model beside it and
 * swaps the published reference when that one has caught up.
 */
final class MemoryProjectionRunner<V> implements ProjectionRunner, MemoryView<V> {
  private final MemoryProjection<V> projection;
  private final Vertx vertx;
  private final EventStore store;
  private final SharedLogReads reads;
  private final ProjectionOptions options;
  private final ProjectionMetrics metrics;
  private final LagProbe probe;
  private final Promise<Void> ready = Promise.promise();
  private final CheckpointWaiters applied = new CheckpointWaiters();

  private volatile V current;
  private volatile TrackingProcessor live;
  private volatile TrackingProcessor builder;
  private int lastGeneration;

  MemoryProjectionRunner(MemoryProjection<V> projection, Vertx vertx, EventStore store, SharedLogReads reads,
      ProjectionOptions options, MeterRegistry registry) {
    this.projection = projection;
    this.vertx = vertx;
    this.store = store;
    this.reads = reads;
    this.options = options;
    this.probe = new LagProbe(store);
    this.metrics = new ProjectionMetrics(registry, projection.name(), () -> live == null ? null : live.lag());
    this.current = projection.newModel().view();
  }

  @Override
  public String name() {
    return projection.name();
  }

  @Override
  public V current() {
    return current;
  }

  @Override
  public Future<Void> whenCaughtUp() {
    return ready.future();
  }

  @Override
  public Future<Void> whenApplied(Checkpoint checkpoint) {
    return applied.await(checkpoint);
  }

  @Override
  public Future<Void> ready() {
    return ready.future();
  }

  @Override
  public void start() {
    MemorySink<V> sink = new MemorySink<>(projection);
    live = processor(sink, new TrackingProcessor.Listener() {
      @Override
      public void caughtUp(TrackingProcessor p) {
        sink.publishTo(view -> current = view, applied::reached);
        ready.tryComplete();
      }

      @Override
      public void failed(TrackingProcessor p, Throwable cause) {
        ready.tryFail(cause);
      }
    });
    live.start(Checkpoint.START);
  }

  @Override
  public Future<Void> rebuild() {
    if (builder != null) return Future.failedFuture(new IllegalStateException("a rebuild of " + name() + " is running"));
    Promise<Void> swapped = Promise.promise();
    MemorySink<V> sink = new MemorySink<>(projection);
    builder = processor(sink, new TrackingProcessor.Listener() {
      @Override
      public void caughtUp(TrackingProcessor p) {
        sink.publishTo(view -> current = view, applied::reached);
        TrackingProcessor old = live;
        live = p;
        builder = null;
        ready.tryComplete();
        if (old != null) old.stop();
        swapped.complete();
      }

      @Override
      public void failed(TrackingProcessor p, Throwable cause) {
        builder = null;
        swapped.fail(cause);
      }
    });
    builder.start(Checkpoint.START);
    return swapped.future();
  }

  @Override
  public Future<Void> stop() {
    List<Future<Void>> stops = new ArrayList<>();
    if (live != null) stops.add(live.stop());
    if (builder != null) stops.add(builder.stop());
    return Future.join(stops).mapEmpty();
  }

  @Override
  public Future<Void> probe() {
    List<Future<Void>> probes = new ArrayList<>();
    for (TrackingProcessor p : processors()) {
      probes.add(probe.measure(p.checkpoint()).map(lag -> {
        p.lag(lag);
        return null;
      }));
    }
    return Future.join(probes).mapEmpty();
  }

  @Override
  public List<ProjectionStatus> status() {
    List<ProjectionStatus> list = new ArrayList<>();
    for (TrackingProcessor p : processors()) {
      State state = p.isFailed() ? State.FAILED : p.isCaughtUp() && p == live ? State.RUNNING : State.CATCHING_UP;
      LagProbe.Lag lag = p.lag();
      String error = p.isFailed() ? p.failure() : p.trouble();
      list.add(new ProjectionStatus(name(), Kind.MEMORY, p.generation(), p.checkpoint(),
          lag == null ? -1 : lag.events(), lag == null ? 0 : lag.seconds(), state, error));
    }
    return list;
  }

  private List<TrackingProcessor> processors() {
    List<TrackingProcessor> list = new ArrayList<>(2);
    TrackingProcessor l = live;
    TrackingProcessor b = builder;
    if (l != null) list.add(l);
    if (b != null) list.add(b);
    return list;
  }

  private TrackingProcessor processor(MemorySink<V> sink, TrackingProcessor.Listener listener) {
    return new TrackingProcessor(name(), ++lastGeneration, vertx, store, reads, sink, options, metrics::countError, listener);
  }
}
