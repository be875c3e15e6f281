package com.zerolaghub.simulators;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A container's config file lock ({@code /run/lock/lxc/pve-config-<vmid>.lock}): tasks and config
 * writes take it one after the other; a waiter gives up after the lock timeout, failing with
 * Proxmox's {@code can't lock file '…' - got timeout}.
 */
final class ConfigFlock {
  private final int vmid;
  private final Deque<Promise<Void>> waiters = new ArrayDeque<>();
  private boolean held;

  ConfigFlock(int vmid) {
    this.vmid = vmid;
  }

  String timeoutMessage() {
    return "can't lock file '/run/lock/lxc/pve-config-" + vmid + ".lock' - got timeout";
  }

  Future<Void> acquire(Vertx vertx, Duration timeout) {
    Promise<Void> granted = Promise.promise();
    synchronized (this) {
      if (!held) {
        held = true;
        return Future.succeededFuture();
      }
      waiters.add(granted);
    }
    long timer = vertx.setTimer(Math.max(1, timeout.toMillis()), id -> {
      boolean gaveUp;
      synchronized (this) {
        gaveUp = waiters.remove(granted);
      }
      if (gaveUp) {
        granted.fail(timeoutMessage());
      }
    });
    return granted.future().andThen(done -> vertx.cancelTimer(timer));
  }

  void release() {
    Promise<Void> next;
    synchronized (this) {
      next = waiters.poll();
      if (next == null) {
        held = false;
        return;
      }
    }
    next.complete();
  }
}
