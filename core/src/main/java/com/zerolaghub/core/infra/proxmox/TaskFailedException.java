package com.zerolaghub.core.infra.proxmox;

import com.zerolaghub.core.infra.OutsideSystem;
import com.zerolaghub.core.infra.OutsideSystemException;

/** A Proxmox task ended with an exit status other than {@code OK}/{@code WARNINGS: n}. */
public class TaskFailedException extends OutsideSystemException {
  private final Upid upid;
  private final String exitstatus;

  public TaskFailedException(Upid upid, String exitstatus) {
    super(OutsideSystem.PROXMOX, 0, "task_failed", upid.type() + " task " + upid + " failed: " + exitstatus);
    this.upid = upid;
    this.exitstatus = exitstatus;
  }

  public Upid upid() {
    return upid;
  }

  /** The task's final status text, e.g. {@code clone failed: …} or {@code CT is locked (create)}. */
  public String exitstatus() {
    return exitstatus;
  }

  /** The task failed because the container was locked; it did nothing and may be retried. */
  public boolean lockConflict() {
    return ProxmoxFailures.isLockMessage(exitstatus);
  }
}
