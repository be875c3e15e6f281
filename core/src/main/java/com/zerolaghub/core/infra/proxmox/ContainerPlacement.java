package com.zerolaghub.core.infra.proxmox;

import java.util.Objects;

/**
 * Where and how a new container is made: its address ({@link ContainerAddressing}), and a linked
 * clone of the template (fast, shares the template's disk; the template's storage must have
 * the clone feature — LVM-thin, ZFS, Ceph RBD, or qcow2 on a directory) or a full copy onto
 * {@code cloneStorage} (any storage; null keeps the template's).
 */
public record ContainerPlacement(ContainerAddressing addressing, boolean fullClone, String cloneStorage) {

  public ContainerPlacement {
    Objects.requireNonNull(addressing, "addressing");
    if (cloneStorage != null && cloneStorage.isBlank()) cloneStorage = null;
    if (!fullClone && cloneStorage != null) {
      throw new IllegalArgumentException("a target storage applies to full clones only (Proxmox refuses 'storage' for linked clones)");
    }
  }

  /** DHCP addresses, linked clones: what the platform did before these were choices. */
  public static ContainerPlacement defaults() {
    return new ContainerPlacement(new ContainerAddressing.Dhcp(), false, null);
  }

  /** The clone request for a new container. */
  public CloneRequest cloneRequest(int templateVmid, int vmid, String hostname) {
    return fullClone ? CloneRequest.full(templateVmid, vmid, hostname, cloneStorage)
        : CloneRequest.linked(templateVmid, vmid, hostname);
  }
}
