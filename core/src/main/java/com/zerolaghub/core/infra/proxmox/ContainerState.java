package com.zerolaghub.core.infra.proxmox;

import java.util.Locale;

/** Power state of an LXC container as Proxmox reports it. */
public enum ContainerState {
  RUNNING,
  STOPPED,
  /** Proxmox could not tell (e.g. node offline in {@code /cluster/resources}). */
  UNKNOWN;

  public static ContainerState fromWire(String value) {
    if (value == null) {
      return UNKNOWN;
    }
    switch (value.toLowerCase(Locale.ROOT)) {
      case "running":
        return RUNNING;
      case "stopped":
        return STOPPED;
      default:
        return UNKNOWN;
    }
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
