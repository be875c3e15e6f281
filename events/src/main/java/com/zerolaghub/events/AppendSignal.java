package com.zerolaghub.events;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Wakes readers after appends. Wake-ups are coalesced per subscriber (at most one pending run),
 * so a burst of appends costs each reader one extra read, and nothing here touches the append
 * transaction. Cross-node wake-ups arrive through {@link #fire()} from a LISTEN connection.
 */
public final class AppendSignal {
  private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

  /** Runs {@code onAppend} on the calling context after appends; returns a handle to cancel. */
  public Subscription subscribe(Vertx vertx, Runnable onAppend) {
    Context context = vertx.getOrCreateContext();
    Subscription s = new Subscription(context, onAppend);
    subscriptions.add(s);
    return s;
  }

  /** Tells every subscriber that the log grew. Safe from any thread. */
  public void fire() {
    for (Subscription s : subscriptions) s.wake();
  }

  public final class Subscription {
    private final Context context;
    private final Runnable onAppend;
    private final AtomicBoolean pending = new AtomicBoolean();

    private Subscription(Context context, Runnable onAppend) {
      this.context = context;
      this.onAppend = onAppend;
    }

    private void wake() {
      if (pending.compareAndSet(false, true)) {
        context.runOnContext(v -> {
          pending.set(false);
          onAppend.run();
        });
      }
    }

    public void cancel() {
      subscriptions.remove(this);
    }
  }
}
