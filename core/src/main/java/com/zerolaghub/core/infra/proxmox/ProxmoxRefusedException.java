package com.zerolaghub.core.infra.proxmox;

import com.zerolaghub.core.infra.OutsideSystem;
import com.zerolaghub.core.infra.OutsideSystemException;

/**
 * Proxmox refused a call for a reason waiting will not change. Proxmox answers 500 to almost
 * every error, permanent ones included ("unable to get any free VMID", "CT 105 already exists",
 * "Linked clone feature is not available for …"), so the status alone cannot tell: this is
 * what {@link ProxmoxFailures} makes of a 500 whose text names no transient cause. Never retried.
 */
public class ProxmoxRefusedException extends OutsideSystemException {

  public ProxmoxRefusedException(int status, String message) {
    super(OutsideSystem.PROXMOX, status, "refused", message);
  }

  @Override
  public boolean transientFailure() {
    return false;
  }
}
