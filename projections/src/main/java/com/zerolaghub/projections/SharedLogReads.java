package com.zerolaghub.projections;

import com.zerolaghub.events.Checkpoint;
import com.zerolaghub.events.EventCodec;
import com.zerolaghub.events.EventStore;
import com.zerolaghub.events.RecordedEvent;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.AbstractList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One read of the log for all of a node's processors. Processors that follow the log from the
 * same checkpoint (every memory model at start, a rebuild beside them) ask for the same batches;
 * the first to ask reads, the others get the same batch, and each event is decoded once for
 * all who handle it (as Axon's pooled streaming processor and Marten's async daemon do).
 *
 * <p>Why sharing is safe: readers only see transactions older than every running one, so a
 * full batch (as many events as asked for) can never gain an event later: anything that
 * becomes visible afterwards sorts after its last event. Full batches are kept for the
 * processors behind (a bounded number, oldest dropped first: a processor further behind just
 * reads for itself). A short batch, read at the head, is only handed to those who asked before
 * the read was sent; whoever asks while it is under way gets a read sent after its question,
 * shared among them, so nobody misses an event appended just before it asked.
 *
 * <p>Confined to the projection runtime's context, like the processors.
 */
final class SharedLogReads {
  /** Full batches kept for processors behind the first one. */
  static final int KEPT_BATCHES = 32;

  private final EventStore store;
  private final EventCodec codec;
  private final Map<Checkpoint, Batch> kept = new LinkedHashMap<>();
  private final Map<Checkpoint, Read> reading = new HashMap<>();

  SharedLogReads(EventStore store, EventCodec codec) {
    this.store = store;
    this.codec = codec;
  }

  /** Up to {@code limit} events after {@code from}, as {@link EventStore#readAfter}. */
  Future<List<RecordedEvent>> readAfter(Checkpoint from, int limit) {
    Batch batch = kept.get(from);
    if (batch != null && batch.size() == limit) return Future.succeededFuture(batch);
    Read read = reading.get(from);
    if (read == null || read.limit != limit) return send(from, limit);
    if (read.askedMeanwhile == null) read.askedMeanwhile = Promise.promise();
    return read.askedMeanwhile.future();
  }

  /** An event of a batch with its payload, decoded once for every processor that handles it. */
  DecodedEvent decode(List<RecordedEvent> events, int index) {
    return events instanceof Batch b ? b.decoded(index) : new DecodedEvent(events.get(index), codec.decode(events.get(index)));
  }

  private Future<List<RecordedEvent>> send(Checkpoint from, int limit) {
    Read read = new Read(limit);
    reading.put(from, read);
    return store.readAfter(from, limit).<List<RecordedEvent>>map(events -> new Batch(events)).andThen(ar -> {
      reading.remove(from, read);
      boolean full = ar.succeeded() && ar.result().size() == limit;
      if (full) keep(from, (Batch) ar.result());
      Promise<List<RecordedEvent>> meanwhile = read.askedMeanwhile;
      if (meanwhile == null) return;
      if (full) meanwhile.complete(ar.result());
      else send(from, limit).onComplete(meanwhile); // asked after this read was sent: read again
    });
  }

  private void keep(Checkpoint from, Batch batch) {
    kept.put(from, batch);
    if (kept.size() > KEPT_BATCHES) {
      Iterator<Batch> oldest = kept.values().iterator();
      oldest.next();
      oldest.remove();
    }
  }

  private static final class Read {
    final int limit;
    Promise<List<RecordedEvent>> askedMeanwhile;

    Read(int limit) {
      this.limit = limit;
    }
  }

  /** A batch as read, with each event's payload decoded on first use. */
  private final class Batch extends AbstractList<RecordedEvent> {
    private final List<RecordedEvent> events;
    private final DecodedEvent[] decoded;

    Batch(List<RecordedEvent> events) {
      this.events = events;
      this.decoded = new DecodedEvent[events.size()];
    }

    @Override
    public RecordedEvent get(int index) {
      return events.get(index);
    }

    @Override
    public int size() {
      return events.size();
    }

    DecodedEvent decoded(int index) {
      DecodedEvent e = decoded[index];
      if (e == null) {
        RecordedEvent recorded = events.get(index);
        e = new DecodedEvent(recorded, codec.decode(recorded)); // an undecodable event throws for each who asks
        decoded[index] = e;
      }
      return e;
    }
  }
}
