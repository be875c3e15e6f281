package com.zerolaghub.projections;

import com.zerolaghub.events.Checkpoint;
import io.vertx.core.Future;
import java.util.List;
import java.util.function.Consumer;

/**
 * Lands batches in one memory model. Until {@link #publishTo} the model builds unseen (start,
 * rebuild); after it, every landed batch publishes a fresh view.
 */
final class MemorySink<V> implements BatchSink {
  private final MemoryProjection<V> projection;
  private final MemoryProjection.Model<V> model;
  private Consumer<V> publisher;
  private Consumer<Checkpoint> progress;
  private Checkpoint landed = Checkpoint.START;

  MemorySink(MemoryProjection<V> projection) {
    this.projection = projection;
    this.model = projection.newModel();
  }

  /**
   * Publishes the model's view now and after every later batch that changed it, then tells
   * {@code progress} how far the published view reaches (also after batches it skipped).
   */
  void publishTo(Consumer<V> publisher, Consumer<Checkpoint> progress) {
    this.publisher = publisher;
    this.progress = progress;
    publisher.accept(model.view());
    progress.accept(landed);
  }

  @Override
  public boolean handles(String eventType) {
    return projection.handles(eventType);
  }

  @Override
  public Future<Void> land(Checkpoint from, Checkpoint to, List<DecodedEvent> handled) {
    for (DecodedEvent event : handled) {
      try {
        model.apply(event);
      } catch (RuntimeException e) {
        return Future.failedFuture(new Broken(event.position(), e));
      }
    }
    landed = to;
    if (publisher != null) {
      if (!handled.isEmpty()) publisher.accept(model.view());
      progress.accept(to);
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<Checkpoint> reload(Checkpoint current) {
    return Future.succeededFuture(current); // a memory model only moves when a batch lands
  }
}
