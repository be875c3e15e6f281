package com.zerolaghub.core.infra.proxmox;

/**
 * {@code GET /nodes/{node}/lxc/{vmid}/status/current}. {@code lock} is the config lock
 * ({@code create}, {@code disk}, {@code backup}, …) or null.
 */
public record ContainerStatus(
    int vmid,
    ContainerState state,
    String name,
    String lock,
    boolean template,
    long uptimeSeconds,
    int cpus,
    long memBytes,
    long maxMemBytes) {

  public boolean running() {
    return state == ContainerState.RUNNING;
  }

  public boolean locked() {
    return lock != null && !lock.isEmpty();
  }
}
