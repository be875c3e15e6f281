package com.zerolaghub.core.infra.proxmox;

/** CPU and memory of a container, as {@code PUT …/config} {@code cores}, {@code memory}, {@code swap}. */
public record ContainerResources(int cores, int memoryMb, int swapMb) {

  public ContainerResources {
    if (cores < 1 || memoryMb < 16 || swapMb < 0) {
      throw new IllegalArgumentException(
          "cores >= 1, memoryMb >= 16, swapMb >= 0 required: " + cores + "/" + memoryMb + "/" + swapMb);
    }
  }
}
