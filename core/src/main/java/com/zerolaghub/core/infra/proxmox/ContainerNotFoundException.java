package com.zerolaghub.core.infra.proxmox;

import com.zerolaghub.core.infra.OutsideSystem;
import com.zerolaghub.core.infra.OutsideSystemException;

/** Proxmox has no container with this vmid (its config file does not exist). */
public class ContainerNotFoundException extends OutsideSystemException {
  private final int vmid;

  public ContainerNotFoundException(int vmid, int status, String message) {
    super(OutsideSystem.PROXMOX, status, "container_not_found", message);
    this.vmid = vmid;
  }

  public int vmid() {
    return vmid;
  }
}
