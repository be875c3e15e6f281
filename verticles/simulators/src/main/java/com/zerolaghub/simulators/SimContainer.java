package com.zerolaghub.simulators;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** One container of the simulated node; guarded by the simulator's state lock. */
final class SimContainer {
  final int vmid;
  final ConfigFlock flock;
  String hostname;
  String containerType;
  boolean template;
  int cores = 1;
  int memory = 512;
  int swap = 512;
  String description;
  String net0;
  String env;
  /** Cluster node holding the container. */
  String node;
  /** Storage of the root disk ({@code rootfs}). */
  String storage = "local-lvm";
  String lock;
  boolean running;
  long startedAtMillis;
  AgentDisk disk;
  AgentSimulator agent;
  /** What the last statistics broadcast said (pvestatd, every ~10 s); null before the first one. */
  String seenStatus;
  String seenName;

  SimContainer(int vmid) {
    this.vmid = vmid;
    this.flock = new ConfigFlock(vmid);
  }

  String name() {
    return hostname != null ? hostname : "CT" + vmid;
  }

  long uptimeSeconds() {
    return running ? (System.currentTimeMillis() - startedAtMillis) / 1000 : 0;
  }

  /** {@code GET …/config}. */
  JsonObject config() {
    JsonObject config = new JsonObject()
        .put("arch", "amd64")
        .put("ostype", "debian")
        .put("hostname", name())
        .put("cores", cores)
        .put("memory", memory)
        .put("swap", swap)
        .put("rootfs", rootfsVolume() + ",size=8G")
        .put("unprivileged", 1);
    if (net0 != null) {
      config.put("net0", net0);
    }
    if (description != null) {
      config.put("description", description);
    }
    if (env != null) {
      config.put("env", env);
    }
    if (lock != null) {
      config.put("lock", lock);
    }
    if (template) {
      config.put("template", 1);
    }
    return config.put("digest", sha1(config.encode()));
  }

  /** The root disk's volume id, as the storage type names it ({@code local:9000/base-9000-disk-0.raw} on a directory). */
  String rootfsVolume() {
    String disk = (template ? "base" : "vm") + "-" + vmid + "-disk-0";
    return ProxmoxStorages.isDirectory(storage) ? storage + ":" + vmid + "/" + disk + ".raw" : storage + ":" + disk;
  }

  /** {@code GET …/status/current}. */
  JsonObject status() {
    JsonObject status = new JsonObject()
        .put("vmid", vmid)
        .put("type", "lxc")
        .put("name", name())
        .put("status", running ? "running" : "stopped")
        .put("cpus", cores)
        .put("cpu", 0)
        .put("maxmem", memory * 1024L * 1024L)
        .put("mem", running ? 128L * 1024 * 1024 : 0)
        .put("maxswap", swap * 1024L * 1024L)
        .put("swap", 0)
        .put("maxdisk", 8L * 1024 * 1024 * 1024)
        .put("disk", running ? 1024L * 1024 * 1024 : 0)
        .put("uptime", uptimeSeconds())
        .put("netin", 0)
        .put("netout", 0)
        .put("diskread", 0)
        .put("diskwrite", 0)
        .put("ha", new JsonObject().put("managed", 0));
    if (lock != null) {
      status.put("lock", lock);
    }
    if (template) {
      status.put("template", 1);
    }
    return status;
  }

  /** Takes this broadcast's values of status and name. */
  void broadcast() {
    seenStatus = running ? "running" : "stopped";
    seenName = name();
  }

  /**
   * An entry of {@code GET /cluster/resources}: membership is current (the cluster's vmlist), but
   * status and name are the last broadcast's; a container no broadcast has seen yet is
   * {@code unknown} and has no name.
   */
  JsonObject resource(String node) {
    JsonObject status = status();
    JsonObject resource = new JsonObject()
        .put("id", "lxc/" + vmid)
        .put("type", "lxc")
        .put("vmid", vmid)
        .put("node", node)
        .put("status", seenStatus != null ? seenStatus : "unknown")
        .put("template", template ? 1 : 0)
        .put("maxcpu", cores)
        .put("cpu", 0)
        .put("maxmem", status.getLong("maxmem"))
        .put("mem", status.getLong("mem"))
        .put("maxdisk", status.getLong("maxdisk"))
        .put("disk", status.getLong("disk"))
        .put("uptime", status.getLong("uptime"))
        .put("netin", 0)
        .put("netout", 0)
        .put("diskread", 0)
        .put("diskwrite", 0);
    if (seenName != null) {
      resource.put("name", seenName);
    }
    if (lock != null) {
      resource.put("lock", lock);
    }
    return resource;
  }

  private static String sha1(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
