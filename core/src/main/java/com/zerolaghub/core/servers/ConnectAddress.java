package com.zerolaghub.core.servers;

/** Where players connect to a game server: {@code <name>-<vmid>.<gameDomain>}, the name its SRV record publishes. */
public final class ConnectAddress {
  private ConnectAddress() {}

  /** The address, or null for a server that has no vmid yet. */
  public static String of(String name, Integer vmid, String gameDomain) {
    return vmid == null ? null : name + "-" + vmid + "." + gameDomain;
  }
}
