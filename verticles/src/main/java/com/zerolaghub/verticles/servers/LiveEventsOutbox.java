package com.zerolaghub.verticles.servers;

import io.vertx.core.Context;
import io.vertx.core.http.ServerWebSocket;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The frames one {@code /api/events} socket has not taken yet, and the rule that closes a reader
 * that stays behind (1013) while a prompt reader of a burst keeps its socket.
 *
 * <p>Why not {@code writeQueueFull()} at the feed: the feed writes from its own event loop, and
 * Vert.x 5 hands writes from a foreign thread to the socket's loop through a queue that reports
 * "full" at 16 waiting messages, however fast the reader reads; a batch of events read from the
 * log at once tripped it whenever the socket's loop was busy for a moment (the rolling-restart
 * rehearsal, docs/maintenance.md). Here frames are queued per socket and written on the socket's own
 * context while its write queue has room; when it is full the outbox waits for the drain. It
 * closes the socket when it has waited {@link #STALL_MS} without any drain, or when more than
 * {@link #MAX_PENDING} frames wait (so a stalled reader costs a bounded amount of memory).
 */
final class LiveEventsOutbox {
  /** Frames that may wait for one socket (~300 bytes each). */
  static final int MAX_PENDING = 5_000;
  /** How long the socket's write queue may stay full without draining. */
  static final long STALL_MS = 10_000;
  static final short TOO_SLOW = 1013;
  private static final Logger log = LoggerFactory.getLogger(LiveEventsOutbox.class);

  private final ServerWebSocket ws;
  private final Context context;
  private final Runnable onTooSlow;
  private final Queue<String> pending = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();
  private final AtomicBoolean flushQueued = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private long stallTimer = -1; // the socket's context only

  /**
   * {@code context} is the socket's; {@code onTooSlow} runs once if the outbox closes the socket.
   * Once it has, it drops what it is offered.
   */
  LiveEventsOutbox(ServerWebSocket ws, Context context, Runnable onTooSlow) {
    this.ws = ws;
    this.context = context;
    this.onTooSlow = onTooSlow;
    ws.drainHandler(v -> {
      cancelStallTimer(); // the reader took something: it is not stalled
      flush();
    });
  }

  /** Queues one frame; safe from any thread. */
  void offer(String frame) {
    if (closed.get()) return;
    if (size.incrementAndGet() > MAX_PENDING) {
      size.decrementAndGet();
      tooSlow("more than " + MAX_PENDING + " events waiting");
      return;
    }
    pending.add(frame);
    if (flushQueued.compareAndSet(false, true)) {
      context.runOnContext(v -> {
        flushQueued.set(false);
        flush();
      });
    }
  }

  /** Whether it closed the socket or forgot it: what is offered now is dropped. */
  boolean gaveUp() {
    return closed.get();
  }

  /** Frames waiting for this socket. */
  int pending() {
    return size.get();
  }

  /** Forgets what waits (the socket closed). */
  void discard() {
    closed.set(true);
    pending.clear();
    size.set(0);
    context.runOnContext(v -> cancelStallTimer());
  }

  private void flush() {
    if (closed.get() || ws.isClosed()) return;
    String frame;
    while (!ws.writeQueueFull() && (frame = pending.poll()) != null) {
      size.decrementAndGet();
      ws.writeTextMessage(frame);
    }
    if (pending.isEmpty()) {
      cancelStallTimer();
    } else if (stallTimer < 0) {
      stallTimer = context.owner().setTimer(STALL_MS, id -> {
        stallTimer = -1;
        tooSlow("write queue full for " + STALL_MS + " ms");
      });
    }
  }

  private void cancelStallTimer() {
    if (stallTimer >= 0) {
      context.owner().cancelTimer(stallTimer);
      stallTimer = -1;
    }
  }

  private void tooSlow(String why) {
    if (!closed.compareAndSet(false, true)) return;
    pending.clear();
    size.set(0);
    log.info("closing a live events socket as too slow (1013): {}", why);
    onTooSlow.run();
    ws.close(TOO_SLOW, "too slow; reconnect and reload");
  }
}
