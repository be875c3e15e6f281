package com.zerolaghub.verticles.servers;

import com.zerolaghub.core.servers.run.RunnerHooks;
import java.util.concurrent.atomic.AtomicReference;

/** Kills the worker once, at a chosen step, right before or right after its outside effect. */
final class KillSwitch implements RunnerHooks {
  /** What a killed process leaves: nothing recorded after this point. */
  static final class SimulatedCrash extends Error {
    SimulatedCrash(String where) {
      super("simulated crash " + where, null, false, false);
    }
  }

  private final AtomicReference<String> armed = new AtomicReference<>();

  /** Arms the switch for {@code step} ("clone", "stop-host", …) {@code before} or after its act. */
  void arm(String step, boolean before) {
    armed.set(step + (before ? ":before" : ":after"));
  }

  boolean fired() {
    return armed.get() == null;
  }

  @Override
  public void beforeAct(String serverId, String step) {
    trip(step + ":before");
  }

  @Override
  public void afterAct(String serverId, String step) {
    trip(step + ":after");
  }

  private void trip(String point) {
    // compareAndSet compares identity, not text: check and clear under the lock instead
    synchronized (armed) {
      if (!point.equals(armed.get())) return;
      armed.set(null);
    }
    throw new SimulatedCrash(point);
  }
}
