package com.zerolaghub.core.infra.proxmox;

/**
 * A finished Proxmox task. {@code exitstatus} is {@code OK}, {@code WARNINGS: n} (also a success)
 * or the error text.
 */
public record TaskResult(Upid upid, String exitstatus) {

  public boolean succeeded() {
    return succeeded(exitstatus);
  }

  /** Proxmox reports success as {@code OK}, or {@code WARNINGS: n} when the task logged warnings. */
  public static boolean succeeded(String exitstatus) {
    return "OK".equals(exitstatus) || (exitstatus != null && exitstatus.startsWith("WARNINGS:"));
  }
}
