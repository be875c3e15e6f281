package com.zerolaghub.projections;

import com.zerolaghub.events.AppendSignal;
import com.zerolaghub.events.Checkpoint;
import com.zerolaghub.events.EventDecodingException;
import com.zerolaghub.events.EventStore;
import com.zerolaghub.events.RecordedEvent;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the log from a checkpoint into one {@link BatchSink}: read a batch (through the
 * node's {@link SharedLogReads}, so processors at the same place share one read), decode the events
 * the sink handles, land them with the new checkpoint, repeat. Once at the head it waits for
 * the {@link AppendSignal}, polling with back-off in case a wake-up is lost (or an event was
 * not yet visible when it came). PostgreSQL failures are retried with back-off and logged once
 * per outage. An event it cannot decode stops this processor only: the events before it are
 * landed, the stop is logged once at ERROR with the position, and {@link #failure()} says why.
 *
 * <p>Confined to the Vert.x context {@link #start} runs on; the volatile fields are for
 * status readers on other threads.
 */
final class TrackingProcessor {
  private static final Logger log = LoggerFactory.getLogger(TrackingProcessor.class);

  /** What the owner of a processor hears, on the processor's context. */
  interface Listener {
    default void caughtUp(TrackingProcessor processor) {}

    default void failed(TrackingProcessor processor, Throwable cause) {}

    default void retired(TrackingProcessor processor) {}
  }

  private final String name;
  private final int generation;
  private final Vertx vertx;
  private final EventStore store;
  private final SharedLogReads reads;
  private final BatchSink sink;
  private final int batchSize;
  private final BackOff poll;
  private final BackOff retry;
  private final Runnable countError;
  private final Listener listener;
  private final Promise<Void> caughtUpPromise = Promise.promise();

  private volatile Checkpoint checkpoint = Checkpoint.START;
  private volatile boolean caughtUp;
  private volatile String failure;
  private volatile String trouble;
  private volatile LagProbe.Lag lag;

  private Context context;
  private AppendSignal.Subscription subscription;
  private boolean busy;
  private boolean stopped;
  private boolean wakeRequested;
  private boolean reloadNeeded;
  private long timer = -1;
  private Future<List<RecordedEvent>> readAhead;
  private Checkpoint readAheadFrom;
  private Promise<Void> whenIdle;

  TrackingProcessor(String name, int generation, Vertx vertx, EventStore store, SharedLogReads reads, BatchSink sink,
      ProjectionOptions options, Runnable countError, Listener listener) {
    this.name = name;
    this.generation = generation;
    this.vertx = vertx;
    this.store = store;
    this.reads = reads;
    this.sink = sink;
    this.batchSize = options.batchSize();
    this.poll = new BackOff(options.pollMinDelay(), options.pollMaxDelay());
    this.retry = new BackOff(options.retryMinDelay(), options.retryMaxDelay());
    this.countError = countError;
    this.listener = listener;
  }

  /** Starts following the log after {@code from}. Call on the runtime's context. */
  void start(Checkpoint from) {
    checkpoint = from;
    context = vertx.getOrCreateContext();
    subscription = store.signal().subscribe(vertx, this::wake);
    pump();
  }

  /** Stops reading; completes when a batch in flight has landed or failed. */
  Future<Void> stop() {
    stopped = true;
    cancelTimer();
    unsubscribe();
    if (!busy) return Future.succeededFuture();
    if (whenIdle == null) whenIdle = Promise.promise();
    return whenIdle.future();
  }

  /** Re-reads the checkpoint from the sink before the next batch (e.g. another node moved it). */
  void reload() {
    reloadNeeded = true;
    wake();
  }

  String name() {
    return name;
  }

  int generation() {
    return generation;
  }

  Checkpoint checkpoint() {
    return checkpoint;
  }

  boolean isCaughtUp() {
    return caughtUp;
  }

  Future<Void> caughtUp() {
    return caughtUpPromise.future();
  }

  boolean isFailed() {
    return failure != null;
  }

  boolean isStopped() {
    return stopped;
  }

  /** Why it stopped for good, else null. */
  String failure() {
    return failure;
  }

  /** The failure it is retrying, while it is, else null. */
  String trouble() {
    return trouble;
  }

  /** As of the last measurement; null before the first. */
  LagProbe.Lag lag() {
    return lag;
  }

  void lag(LagProbe.Lag lag) {
    this.lag = lag;
  }

  private void wake() {
    if (stopped || failure != null) return;
    poll.reset();
    if (busy) {
      wakeRequested = true;
      return;
    }
    if (trouble != null) return; // the retry timer runs; appends must not hammer a sick database
    cancelTimer();
    pump();
  }

  private void pump() {
    if (stopped || busy || failure != null) return;
    busy = true;
    wakeRequested = false;
    Future<Void> ready = reloadNeeded
        ? sink.reload(checkpoint).map(cp -> {
            checkpoint = cp;
            reloadNeeded = false;
            return null;
          })
        : Future.succeededFuture();
    ready.compose(v -> read(checkpoint))
        .compose(this::land)
        .onComplete(this::afterStep);
  }

  /**
   * The next batch after {@code from}: the read-ahead if it was made from there, else a read.
   * While catching up, the batch after a full one is asked for before this one is landed, so
   * the database and the decoder work at the same time.
   */
  private Future<List<RecordedEvent>> read(Checkpoint from) {
    Future<List<RecordedEvent>> batch = from.equals(readAheadFrom) ? readAhead : reads.readAfter(from, batchSize);
    readAhead = null;
    readAheadFrom = null;
    return batch.onSuccess(events -> {
      if (events.size() >= batchSize && !stopped) {
        readAheadFrom = events.get(events.size() - 1).checkpoint();
        readAhead = reads.readAfter(readAheadFrom, batchSize);
      }
    });
  }

  /** Lands the events up to the first undecodable one; answers how many events were read. */
  private Future<Integer> land(List<RecordedEvent> events) {
    if (stopped || events.isEmpty()) return Future.succeededFuture(0);
    List<DecodedEvent> handled = new ArrayList<>();
    int landing = events.size();
    EventDecodingException undecodable = null;
    for (int i = 0; i < events.size(); i++) {
      RecordedEvent e = events.get(i);
      if (!sink.handles(e.type())) continue;
      try {
        handled.add(reads.decode(events, i));
      } catch (EventDecodingException x) {
        undecodable = x;
      } catch (RuntimeException x) {
        undecodable = new EventDecodingException(e.position(), e.type(), x.toString(), x);
      }
      if (undecodable != null) {
        landing = i;
        break;
      }
    }
    if (landing == 0) return Future.failedFuture(undecodable);
    Checkpoint from = checkpoint;
    Checkpoint to = events.get(landing - 1).checkpoint();
    EventDecodingException stopAt = undecodable;
    int read = events.size();
    return sink.land(from, to, handled).compose(v -> {
      checkpoint = to;
      return stopAt == null ? Future.succeededFuture(read) : Future.failedFuture(stopAt);
    });
  }

  private void afterStep(AsyncResult<Integer> ar) {
    busy = false;
    if (ar.succeeded()) {
      recovered();
      if (stopped) {
        idle();
        return;
      }
      int read = ar.result();
      if (read > 0) poll.reset();
      if (read >= batchSize) {
        context.runOnContext(v -> pump());
        return;
      }
      markCaughtUp();
      if (wakeRequested) context.runOnContext(v -> pump());
      else schedule(poll.next());
      return;
    }
    Throwable cause = ar.cause();
    if (cause instanceof EventDecodingException || cause instanceof BatchSink.Broken) {
      fail(cause);
      idle();
      return;
    }
    if (cause instanceof BatchSink.Retired) {
      log.info("projection {} generation {} retired: {}", name, generation, cause.getMessage());
      stopped = true;
      unsubscribe();
      idle();
      listener.retired(this);
      return;
    }
    if (stopped) {
      idle();
      return;
    }
    reloadNeeded = true;
    if (cause instanceof BatchSink.TokenMoved) {
      log.debug("projection {} generation {}: {}", name, generation, cause.getMessage());
      context.runOnContext(v -> pump());
      return;
    }
    troubled(cause);
    schedule(retry.next());
  }

  private void markCaughtUp() {
    if (caughtUp) return;
    caughtUp = true;
    caughtUpPromise.tryComplete();
    listener.caughtUp(this);
  }

  private void fail(Throwable cause) {
    failure = cause.getMessage();
    trouble = null;
    unsubscribe();
    cancelTimer();
    countError.run();
    // One line, no stack trace: the message holds position, type and reason.
    log.error("projection {} generation {} stopped: {}", name, generation, failure);
    long position = cause instanceof EventDecodingException d ? d.position() : ((BatchSink.Broken) cause).position();
    sink.recordFailure(position, failure);
    caughtUpPromise.tryFail(cause);
    listener.failed(this, cause);
  }

  private void troubled(Throwable cause) {
    if (trouble == null) {
      countError.run();
      log.warn("projection {} generation {}: cannot read or apply, retrying with back-off: {}", name, generation, cause.toString());
    }
    trouble = "retrying: " + cause;
  }

  private void recovered() {
    if (trouble != null) {
      log.info("projection {} generation {} recovered", name, generation);
      trouble = null;
    }
    retry.reset();
  }

  private void schedule(long delayMillis) {
    cancelTimer();
    timer = vertx.setTimer(delayMillis, id -> {
      timer = -1;
      pump();
    });
  }

  private void cancelTimer() {
    if (timer >= 0) vertx.cancelTimer(timer);
    timer = -1;
  }

  private void unsubscribe() {
    if (subscription != null) subscription.cancel();
    subscription = null;
  }

  private void idle() {
    if (whenIdle != null) whenIdle.tryComplete();
  }
}
