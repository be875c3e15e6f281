package com.zerolaghub.core.servers.run;

/**
 * Called around each step's outside effect, on the runner's context. Production runs none;
 * tests throw from them to kill a worker at an exact point (after the intent is recorded but
 * before the act; after the act but before its outcome is recorded).
 */
public interface RunnerHooks {
  RunnerHooks NONE = new RunnerHooks() {};

  /** The step's intent is recorded (or it has none); the act comes next. {@code step} is the phase's wire name. */
  default void beforeAct(String serverId, String step) {}

  /** The act happened; its outcome is not recorded yet. */
  default void afterAct(String serverId, String step) {}
}
