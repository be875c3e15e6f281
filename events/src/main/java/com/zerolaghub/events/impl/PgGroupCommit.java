package com.zerolaghub.events.impl;

import com.zerolaghub.events.AppendResult;
import com.zerolaghub.events.ExpectedVersion;
import com.zerolaghub.events.NewEvent;
import com.zerolaghub.events.StreamId;
import com.zerolaghub.events.WrongExpectedVersionException;
import com.zerolaghub.events.impl.PgEventAppender.Queued;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Group commit: appends made while earlier ones are committing wait, and go out together as
 * one statement and one commit (one fsync for all of them) as soon as a commit slot frees. An
 * append alone, with a slot free, goes out at once on its own statement, as before.
 *
 * <p>What each caller sees does not change: its future completes only after the commit that
 * holds its events, and only if its stream was at the expected version (a stale append fails
 * alone, with the same {@link WrongExpectedVersionException}, the rest of its group lands; a
 * no-stream append to a stream that exists is refused by the unique key, which replays its
 * group as below). A
 * group that fails as a whole (a racing writer on another node hit the unique key, a fenced-out
 * token) is retried append by append, so each append gets exactly the answer it would have had
 * on its own. One stream's appends never share a group nor overtake each other: they leave the
 * queue in the order they were made, each after the previous one committed.
 */
final class PgGroupCommit {
  /**
   * Statements committing at once. PostgreSQL flushes the WAL of concurrent commits together,
   * so a few groups in flight beat one big one: at 64 appending clients on 2 cores, 4 measured
   * best (2 and 8 were slower, docs/benchmarks.md).
   */
  static final int MAX_IN_FLIGHT = 4;
  /**
   * Most appends in one statement. A cap near twice the even share (64 appending clients over 4
   * slots) keeps one freed slot from taking everything waiting while the others go out nearly
   * empty: 32 measured 1.71x the single-row ceiling against 1.53x for 256 (docs/benchmarks.md).
   */
  static final int MAX_APPENDS = 32;

  private final PgEventAppender appender;
  private final ArrayDeque<Waiting> queue = new ArrayDeque<>();
  // Streams with an append in a statement now: their next append waits for its answer.
  private final Set<StreamId> committing = new HashSet<>();
  private int inFlight;

  PgGroupCommit(PgEventAppender appender) {
    this.appender = appender;
  }

  Future<AppendResult> append(StreamId stream, ExpectedVersion expected, List<NewEvent> events) {
    if (events.isEmpty()) throw new IllegalArgumentException("nothing to append to " + stream);
    Waiting w = new Waiting(new Queued(stream, expected, List.copyOf(events), appender.encode(events)), Vertx.currentContext());
    synchronized (this) {
      queue.add(w);
    }
    dispatch();
    return w.promise.future();
  }

  /** Sends what may go now: called after every enqueue and every answer. */
  private void dispatch() {
    while (true) {
      List<Waiting> group;
      synchronized (this) {
        if (inFlight >= MAX_IN_FLIGHT || queue.isEmpty()) return;
        group = takeGroup();
        if (group.isEmpty()) return; // everything waiting is behind an append of its stream
        inFlight++;
      }
      send(group);
    }
  }

  /** The oldest waiting append of each stream not committing now, in order of arrival. */
  private List<Waiting> takeGroup() {
    List<Waiting> group = new ArrayList<>();
    Set<StreamId> blocked = new HashSet<>(committing);
    for (Iterator<Waiting> it = queue.iterator(); it.hasNext() && group.size() < MAX_APPENDS; ) {
      Waiting w = it.next();
      // Added to blocked either way: a later append of this stream must not overtake this one.
      if (!blocked.add(w.append.stream())) continue;
      it.remove();
      committing.add(w.append.stream());
      group.add(w);
    }
    return group;
  }

  private void send(List<Waiting> group) {
    if (group.size() == 1) {
      Waiting w = group.get(0);
      Queued q = w.append;
      appender.appendEncoded(q.stream(), q.expected(), q.events(), q.enc()).onComplete(ar -> {
        finished(group);
        w.answer(ar.succeeded() ? ar.result() : null, ar.cause());
      });
      return;
    }
    List<Queued> appends = new ArrayList<>(group.size());
    for (Waiting w : group) appends.add(w.append);
    appender.appendGroup(appends).onComplete(ar -> {
      if (ar.succeeded()) {
        finished(group);
        AppendResult[] results = ar.result();
        for (int i = 0; i < results.length; i++) {
          Waiting w = group.get(i);
          w.answer(results[i], results[i] == null ? new WrongExpectedVersionException(w.append.stream(), w.append.expected()) : null);
        }
      } else if (ar.cause() instanceof PgException) {
        // Nothing of the group landed: each append alone gets the answer it would have had.
        retryAlone(group);
      } else {
        finished(group);
        // Connection lost: as for a single append, whether it committed is unknown to the caller.
        Throwable t = PgEventAppender.translate(ar.cause(), group.get(0).append.stream(), group.get(0).append.expected());
        for (Waiting w : group) w.answer(null, t);
      }
    });
  }

  /** Each append of a failed group on its own statement, one after another (streams stay held). */
  private void retryAlone(List<Waiting> group) {
    Future<Void> chain = Future.succeededFuture();
    for (Waiting w : group) {
      Queued q = w.append;
      chain = chain.transform(v -> appender.appendEncoded(q.stream(), q.expected(), q.events(), q.enc())
          .andThen(ar -> w.answer(ar.succeeded() ? ar.result() : null, ar.cause()))
          .transform(ar -> Future.<Void>succeededFuture()));
    }
    chain.onComplete(v -> finished(group));
  }

  private void finished(List<Waiting> group) {
    synchronized (this) {
      inFlight--;
      for (Waiting w : group) committing.remove(w.append.stream());
    }
    dispatch();
  }

  /** An append waiting for its commit, answered on the context it was made on. */
  private static final class Waiting {
    final Queued append;
    final Context context;
    final Promise<AppendResult> promise = Promise.promise();

    Waiting(Queued append, Context context) {
      this.append = append;
      this.context = context;
    }

    void answer(AppendResult result, Throwable failure) {
      if (context == null || context == Vertx.currentContext()) {
        complete(result, failure);
      } else {
        context.runOnContext(v -> complete(result, failure));
      }
    }

    private void complete(AppendResult result, Throwable failure) {
      if (failure != null) promise.fail(failure);
      else promise.complete(result);
    }
  }
}
