package com.zerolaghub.core.infra.proxmox;

import java.util.Optional;

/** Reads a container's {@code netN} config value, e.g. {@code name=eth0,bridge=vmbr0,ip=10.0.0.5/24,gw=10.0.0.1}. */
final class NetworkConfig {
  private NetworkConfig() {}

  /** The static IPv4 address without prefix length; empty for {@code dhcp}, {@code manual} or none. */
  static Optional<String> staticIpv4(String netValue) {
    if (netValue == null) {
      return Optional.empty();
    }
    for (String option : netValue.split(",")) {
      if (option.startsWith("ip=")) {
        String ip = option.substring(3);
        if (ip.equals("dhcp") || ip.equals("manual") || ip.isEmpty()) {
          return Optional.empty();
        }
        int slash = ip.indexOf('/');
        return Optional.of(slash < 0 ? ip : ip.substring(0, slash));
      }
    }
    return Optional.empty();
  }
}
