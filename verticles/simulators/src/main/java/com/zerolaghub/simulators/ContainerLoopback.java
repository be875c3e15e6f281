package com.zerolaghub.simulators;

/**
 * Gives each simulated container its own loopback address, {@code 127.<octet + vmid/65536>.<(vmid/256)%256>.<vmid%256>},
 * so the agent (port 18888) and code-server (port 6000) listen on the same ports as in real
 * containers. Linux routes all of 127/8 to {@code lo} without setup; other systems may not.
 */
final class ContainerLoopback {
  private ContainerLoopback() {}

  static String address(int secondOctet, int vmid) {
    int second = secondOctet + vmid / 65536;
    if (second > 254) {
      throw new IllegalArgumentException("vmid " + vmid + " does not fit in 127." + secondOctet + "/16 blocks");
    }
    return "127." + second + "." + ((vmid / 256) % 256) + "." + (vmid % 256);
  }

  /** A locally administered MAC derived from the vmid, as Proxmox would show in {@code net0}. */
  static String mac(int vmid) {
    return String.format("BC:24:11:%02X:%02X:%02X", (vmid >> 16) & 0xff, (vmid >> 8) & 0xff, vmid & 0xff);
  }
}
