package com.zerolaghub.core.infra;

/** The outside systems the control plane drives; named in errors and metrics. */
public enum OutsideSystem {
  PROXMOX("proxmox"),
  CLOUDFLARE("cloudflare"),
  VELOCITY("velocity"),
  AGENT("agent"),
  SMTP("smtp");

  private final String label;

  OutsideSystem(String label) {
    this.label = label;
  }

  /** Lower-case name, safe as a log field or metric label. */
  public String label() {
    return label;
  }
}
