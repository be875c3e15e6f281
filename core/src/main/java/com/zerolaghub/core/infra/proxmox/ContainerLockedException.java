package com.zerolaghub.core.infra.proxmox;

import com.zerolaghub.core.infra.OutsideSystem;
import com.zerolaghub.core.infra.OutsideSystemException;

/**
 * The container is locked: its config carries a lock ({@code CT is locked (create)}) or another
 * task held its config file lock too long ({@code can't lock file … - got timeout}). Nothing was
 * done; retry after the running task ends.
 */
public class ContainerLockedException extends OutsideSystemException {
  private final int vmid;

  public ContainerLockedException(int vmid, int status, String message) {
    super(OutsideSystem.PROXMOX, status, "container_locked", message);
    this.vmid = vmid;
  }

  public int vmid() {
    return vmid;
  }
}
