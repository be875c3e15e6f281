package com.zerolaghub.core.infra.proxmox;

import com.zerolaghub.core.infra.OutsideSystem;
import com.zerolaghub.core.infra.OutsideSystemException;

/** Refused because the container runs: start of a running CT, or destroy without stopping first. */
public class ContainerRunningException extends OutsideSystemException {
  private final int vmid;

  public ContainerRunningException(int vmid, int status, String message) {
    super(OutsideSystem.PROXMOX, status, "container_running", message);
    this.vmid = vmid;
  }

  public int vmid() {
    return vmid;
  }
}
