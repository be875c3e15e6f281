package com.zerolaghub.core.infra.proxmox;

import com.zerolaghub.core.infra.OutsideSystem;
import com.zerolaghub.core.infra.OutsideSystemException;

/** Refused because the container is stopped: shutdown, stop or reboot of a stopped CT. */
public class ContainerNotRunningException extends OutsideSystemException {
  private final int vmid;

  public ContainerNotRunningException(int vmid, int status, String message) {
    super(OutsideSystem.PROXMOX, status, "container_not_running", message);
    this.vmid = vmid;
  }

  public int vmid() {
    return vmid;
  }
}
