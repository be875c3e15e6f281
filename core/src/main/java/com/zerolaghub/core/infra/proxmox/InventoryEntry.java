package com.zerolaghub.core.infra.proxmox;

/** One LXC container (templates included, see {@code template}) from {@code /cluster/resources?type=vm}. */
public record InventoryEntry(int vmid, String node, ContainerState status, String name, boolean template) {}
