package com.zerolaghub.verticles.config;

import com.zerolaghub.core.infra.proxmox.ContainerAddressing;
import com.zerolaghub.core.infra.proxmox.ContainerPlacement;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * How new containers are cloned and addressed: keys of the {@code infra} section (see
 * docs/proxmox.md).
 *
 * @param containerAddressing  {@code dhcp} (the template's net0 says {@code ip=dhcp}; the address is
 *                             read from the running container) or {@code pool} (the platform sets
 *                             net0 per container from {@code addressPool})
 * @param addressPool          pool mode: {@code 10.0.5.10-10.0.5.250/24}, one address per vmid
 * @param addressGateway       pool mode: the containers' gateway, outside the pool
 * @param addressPoolFirstVmid pool mode: the vmid that gets the pool's first address
 * @param cloneMode            {@code linked} (needs a storage with the clone feature) or {@code full}
 * @param cloneStorage         full clones: target storage; empty keeps the template's
 */
public record PlacementConfig(
    String containerAddressing, String addressPool, String addressGateway, int addressPoolFirstVmid,
    String cloneMode, String cloneStorage) {
  public static final String DEFAULT_CONTAINER_ADDRESSING = "dhcp";
  public static final int DEFAULT_ADDRESS_POOL_FIRST_VMID = 100;
  public static final String DEFAULT_CLONE_MODE = "linked";

  public PlacementConfig {
    if (!Set.of("dhcp", "pool").contains(containerAddressing)) {
      throw new ConfigException("infra.containerAddressing must be dhcp or pool, got '" + containerAddressing + "'");
    }
    if (!Set.of("linked", "full").contains(cloneMode)) {
      throw new ConfigException("infra.cloneMode must be linked or full, got '" + cloneMode + "'");
    }
    placement(containerAddressing, addressPool, addressGateway, addressPoolFirstVmid, cloneMode, cloneStorage);
  }

  public static PlacementConfig defaults() {
    return new PlacementConfig(DEFAULT_CONTAINER_ADDRESSING, "", "", DEFAULT_ADDRESS_POOL_FIRST_VMID, DEFAULT_CLONE_MODE, "");
  }

  static PlacementConfig from(ConfigSection s) {
    return new PlacementConfig(
        s.string("containerAddressing", DEFAULT_CONTAINER_ADDRESSING),
        s.string("addressPool", ""),
        s.string("addressGateway", ""),
        s.integer("addressPoolFirstVmid", DEFAULT_ADDRESS_POOL_FIRST_VMID),
        s.string("cloneMode", DEFAULT_CLONE_MODE),
        s.string("cloneStorage", ""));
  }

  /** Its keys, in the {@code infra} section. */
  void addTo(JsonObject infra) {
    infra.put("containerAddressing", containerAddressing).put("addressPool", addressPool)
        .put("addressGateway", addressGateway).put("addressPoolFirstVmid", addressPoolFirstVmid)
        .put("cloneMode", cloneMode).put("cloneStorage", cloneStorage);
  }

  /** The domain's view; every inconsistency was refused when this was built. */
  public ContainerPlacement placement() {
    return placement(containerAddressing, addressPool, addressGateway, addressPoolFirstVmid, cloneMode, cloneStorage);
  }

  private static ContainerPlacement placement(String addressing, String pool, String gateway, int firstVmid,
                                              String cloneMode, String storage) {
    try {
      ContainerAddressing chosen;
      if (addressing.equals("pool")) {
        if (pool.isBlank() || gateway.isBlank()) {
          throw new IllegalArgumentException("containerAddressing=pool needs infra.addressPool and infra.addressGateway");
        }
        chosen = ContainerAddressing.Pool.parse(pool, gateway, firstVmid);
      } else {
        chosen = new ContainerAddressing.Dhcp();
      }
      return new ContainerPlacement(chosen, cloneMode.equals("full"), storage);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("infra: " + e.getMessage());
    }
  }

  /** A builder holding the defaults. */
  public static Builder builder() {
    return defaults().toBuilder();
  }

  /** A builder holding these values, to change some keys by name. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Sets keys by name (the components above); {@link #build()} checks them as the constructor does. */
  public static final class Builder {
    private String containerAddressing;
    private String addressPool;
    private String addressGateway;
    private int addressPoolFirstVmid;
    private String cloneMode;
    private String cloneStorage;

    private Builder(PlacementConfig values) {
      containerAddressing = values.containerAddressing;
      addressPool = values.addressPool;
      addressGateway = values.addressGateway;
      addressPoolFirstVmid = values.addressPoolFirstVmid;
      cloneMode = values.cloneMode;
      cloneStorage = values.cloneStorage;
    }

    public Builder containerAddressing(String containerAddressing) {
      this.containerAddressing = containerAddressing;
      return this;
    }

    public Builder addressPool(String addressPool) {
      this.addressPool = addressPool;
      return this;
    }

    public Builder addressGateway(String addressGateway) {
      this.addressGateway = addressGateway;
      return this;
    }

    public Builder addressPoolFirstVmid(int addressPoolFirstVmid) {
      this.addressPoolFirstVmid = addressPoolFirstVmid;
      return this;
    }

    public Builder cloneMode(String cloneMode) {
      this.cloneMode = cloneMode;
      return this;
    }

    public Builder cloneStorage(String cloneStorage) {
      this.cloneStorage = cloneStorage;
      return this;
    }

    public PlacementConfig build() {
      return new PlacementConfig(containerAddressing, addressPool, addressGateway, addressPoolFirstVmid, cloneMode, cloneStorage);
    }
  }
}
