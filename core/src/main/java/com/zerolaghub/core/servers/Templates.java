package com.zerolaghub.core.servers;

import com.zerolaghub.events.servers.ContainerKind;

/** Proxmox template containers cloned for each kind of server; set from configuration. */
public record Templates(int gameVmid, int devVmid) {
  public static final int DEFAULT_GAME_VMID = 9000;
  public static final int DEFAULT_DEV_VMID = 9001;

  public static Templates defaults() {
    return new Templates(DEFAULT_GAME_VMID, DEFAULT_DEV_VMID);
  }

  public int vmidFor(ContainerKind kind) {
    return kind == ContainerKind.GAME ? gameVmid : devVmid;
  }
}
