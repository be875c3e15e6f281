package com.zerolaghub.core.infra.proxmox;

import java.util.Objects;
import java.util.Optional;

/**
 * How each container gets its IPv4 address. A Proxmox clone copies the template's {@code net0}
 * as it is (only the MAC address is new), so a template with a fixed {@code ip=} would give
 * every container that one address. Either the template asks for DHCP ({@link Dhcp}: the
 * address is read from {@code GET …/interfaces} once the container runs), or the platform
 * sets {@code net0} per container from an address pool ({@link Pool}).
 */
public sealed interface ContainerAddressing {

  /**
   * The {@code net0} value to set on a fresh clone whose {@code net0} is {@code cloneNet0}; empty
   * when it stays as cloned.
   *
   * @throws IllegalArgumentException with a reason an operator can act on, when this clone must
   *     not run (a fixed address copied from the template, a vmid outside the pool)
   */
  Optional<String> net0For(int vmid, String cloneNet0);

  /** Addresses come from DHCP: the template's {@code net0} must say {@code ip=dhcp}. */
  record Dhcp() implements ContainerAddressing {
    @Override
    public Optional<String> net0For(int vmid, String cloneNet0) {
      Optional<String> fixed = NetworkConfig.staticIpv4(cloneNet0);
      if (fixed.isPresent()) {
        throw new IllegalArgumentException("CT " + vmid + " has the fixed address " + fixed.get()
            + " copied from its template's net0: every container would get it. Set ip=dhcp in the template's net0,"
            + " or configure infra.containerAddressing=pool with infra.addressPool");
      }
      if (cloneNet0 == null || !cloneNet0.contains("ip=dhcp")) {
        throw new IllegalArgumentException("CT " + vmid + " has no IPv4 configuration in net0 ("
            + cloneNet0 + "): set ip=dhcp in the template's net0");
      }
      return Optional.empty();
    }
  }

  /**
   * Addresses {@code first}…{@code last} (one subnet of {@code prefixLength}), one per vmid:
   * {@code first + (vmid - firstVmid)}. Vmids are unique in a cluster, so no two containers
   * share an address; a vmid past the pool is refused. Set Proxmox's next-id range
   * ({@code datacenter.cfg next-id: lower=…,upper=…}) to match.
   */
  record Pool(long first, long last, int prefixLength, long gateway, int firstVmid) implements ContainerAddressing {
    public Pool {
      if (prefixLength < 1 || prefixLength > 32) throw new IllegalArgumentException("prefix length must be 1..32");
      if (first > last) throw new IllegalArgumentException("the pool's first address is after its last");
      long mask = prefixLength == 0 ? 0 : (0xFFFFFFFFL << (32 - prefixLength)) & 0xFFFFFFFFL;
      if ((first & mask) != (last & mask)) throw new IllegalArgumentException("the pool spans more than one /" + prefixLength);
      if ((gateway & mask) != (first & mask)) throw new IllegalArgumentException("the gateway is outside the pool's subnet");
      if (gateway >= first && gateway <= last) {
        throw new IllegalArgumentException("the gateway " + text(gateway) + " lies inside the pool: a container would get its address");
      }
      if (firstVmid < 100) throw new IllegalArgumentException("the pool's first vmid must be at least 100");
    }

    /** Parses {@code 10.0.5.10-10.0.5.250/24} and a gateway {@code 10.0.5.1}. */
    public static Pool parse(String range, String gateway, int firstVmid) {
      Objects.requireNonNull(range, "range");
      int slash = range.lastIndexOf('/');
      int dash = range.indexOf('-');
      if (slash < 0 || dash < 0 || dash > slash) {
        throw new IllegalArgumentException("an address pool looks like 10.0.5.10-10.0.5.250/24, got '" + range + "'");
      }
      return new Pool(address(range.substring(0, dash)), address(range.substring(dash + 1, slash)),
          Integer.parseInt(range.substring(slash + 1).trim()), address(gateway), firstVmid);
    }

    /** The address of {@code vmid}. */
    public String addressOf(int vmid) {
      long index = (long) vmid - firstVmid;
      if (index < 0 || first + index > last) {
        throw new IllegalArgumentException("CT " + vmid + " has no address in the pool " + text(first) + "-" + text(last)
            + " (vmids " + firstVmid + "-" + (firstVmid + last - first) + "): limit Proxmox's next-id range to those vmids");
      }
      return text(first + index);
    }

    @Override
    public Optional<String> net0For(int vmid, String cloneNet0) {
      String ip = "ip=" + addressOf(vmid) + "/" + prefixLength;
      String gw = "gw=" + text(gateway);
      StringBuilder out = new StringBuilder();
      boolean named = false;
      if (cloneNet0 != null) {
        for (String option : cloneNet0.split(",")) {
          if (option.isEmpty() || option.startsWith("ip=") || option.startsWith("gw=")) continue;
          named |= option.startsWith("name=");
          out.append(out.length() == 0 ? "" : ",").append(option);
        }
      }
      if (!named) out.insert(0, out.length() == 0 ? "name=eth0" : "name=eth0,");
      return Optional.of(out.append(",").append(ip).append(",").append(gw).toString());
    }

    private static long address(String text) {
      String[] parts = text.trim().split("\\.");
      if (parts.length != 4) throw new IllegalArgumentException("not an IPv4 address: '" + text + "'");
      long value = 0;
      for (String part : parts) {
        int octet = Integer.parseInt(part);
        if (octet < 0 || octet > 255) throw new IllegalArgumentException("not an IPv4 address: '" + text + "'");
        value = (value << 8) | octet;
      }
      return value;
    }

    static String text(long address) {
      return ((address >> 24) & 255) + "." + ((address >> 16) & 255) + "." + ((address >> 8) & 255) + "." + (address & 255);
    }
  }
}
