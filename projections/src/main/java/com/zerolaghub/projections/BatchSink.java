package com.zerolaghub.projections;

import com.zerolaghub.events.Checkpoint;
import io.vertx.core.Future;
import java.util.List;

/** Where a {@link TrackingProcessor} lands its batches: a PG generation or a memory model. */
interface BatchSink {

  boolean handles(String eventType);

  /**
   * Applies {@code handled} (possibly empty: the batch held no handled type) and moves the
   * checkpoint from {@code from} to {@code to}, atomically. Failures: {@link TokenMoved} (someone
   * else moved it: reload and go on), {@link Retired} (this generation is gone), {@link Broken}
   * (cannot be retried), anything else (retry after a back-off).
   */
  Future<Void> land(Checkpoint from, Checkpoint to, List<DecodedEvent> handled);

  /** The checkpoint to resume from after a failed landing. */
  Future<Checkpoint> reload(Checkpoint current);

  /** Leaves a note of a stop for operators on other nodes; best effort. */
  default Future<Void> recordFailure(long position, String reason) {
    return Future.succeededFuture();
  }

  /** The stored checkpoint is not the one the batch was read from. */
  final class TokenMoved extends RuntimeException {
    TokenMoved(String message) {
      super(message, null, false, false);
    }
  }

  /** The generation this sink writes to is no longer served and its token is gone. */
  final class Retired extends RuntimeException {
    Retired(String message) {
      super(message, null, false, false);
    }
  }

  /** The model threw while applying and may be half-changed: the processor must stop. */
  final class Broken extends RuntimeException {
    private final long position;

    Broken(long position, Throwable cause) {
      super("apply failed at position " + position + ": " + cause, cause);
      this.position = position;
    }

    long position() {
      return position;
    }
  }
}
