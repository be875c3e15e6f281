package com.zerolaghub.core.servers.run;

import com.zerolaghub.core.infra.OutsideSystemException;
import com.zerolaghub.core.infra.agent.AgentBusyException;
import com.zerolaghub.core.infra.proxmox.ContainerLockedException;
import com.zerolaghub.core.infra.proxmox.ContainerNotFoundException;
import com.zerolaghub.core.infra.proxmox.ContainerNotRunningException;
import com.zerolaghub.core.infra.proxmox.ContainerRunningException;
import com.zerolaghub.core.infra.proxmox.TaskFailedException;

/** Which failures of outside calls are worth waiting out, and how they read in a reason. */
final class Failures {
  private Failures() {}

  /**
   * Transient: "try again later" answers (5xx), no answer (timeouts, refused or dropped
   * connections), a locked container, a busy agent. Not: refusals that will not change by
   * waiting (4xx, a container that is missing, running or stopped, a task that failed).
   */
  static boolean transientFailure(Throwable e) {
    if (e instanceof ContainerLockedException || e instanceof AgentBusyException) return true;
    if (e instanceof TaskFailedException t) return t.lockConflict();
    if (e instanceof ContainerNotFoundException || e instanceof ContainerRunningException
        || e instanceof ContainerNotRunningException) {
      return false;
    }
    return e instanceof OutsideSystemException o && o.transientFailure();
  }

  /** A reason a customer can read: the outside system's message, without stack or class names. */
  static String describe(Throwable e) {
    if (e instanceof TaskFailedException t) return "task failed: " + t.exitstatus();
    if (e instanceof OutsideSystemException o) return o.getMessage();
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message;
  }
}
