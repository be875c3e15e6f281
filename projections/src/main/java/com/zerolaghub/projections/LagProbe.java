package com.zerolaghub.projections;

import com.zerolaghub.events.Checkpoint;
import com.zerolaghub.events.EventStore;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;

/** Measures how far a checkpoint is behind the log: events after it and the age of the first. */
final class LagProbe {
  /** Beyond this many events the lag gauge reads this many: counting further costs more than it tells. */
  static final long COUNT_CAP = 10_000;

  private final EventStore store;

  LagProbe(EventStore store) {
    this.store = store;
  }

  record Lag(long events, double seconds) {
    static final Lag NONE = new Lag(0, 0);
  }

  Future<Lag> measure(Checkpoint checkpoint) {
    return store.countAfter(checkpoint, COUNT_CAP).compose(count -> {
      if (count == 0) return Future.succeededFuture(Lag.NONE);
      return store.readAfter(checkpoint, 1).map(first -> {
        if (first.isEmpty()) return new Lag(count, 0);
        Duration age = Duration.between(first.get(0).recordedAt(), Instant.now());
        return new Lag(count, Math.max(0, age.toMillis() / 1000.0));
      });
    });
  }
}
