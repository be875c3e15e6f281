package com.zerolaghub.simulators;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The simulated API token's privileges: per ACL path, propagated to everything below it (as
 * Proxmox ACLs with {@code propagate=1}, the default). {@link #ALL} stands for a token with
 * privilege separation off under an administrator. Immutable.
 */
record TokenAcl(Map<String, Set<String>> byPath) {
  /** Every privilege everywhere. */
  static final TokenAcl ALL = new TokenAcl(null);

  TokenAcl {
    byPath = byPath == null ? null : Map.copyOf(byPath);
  }

  /** Whether the token holds {@code privilege} on {@code path} (e.g. {@code /vms/105}). */
  boolean allows(String path, String privilege) {
    if (byPath == null) return true;
    for (String p = path; ; p = parent(p)) {
      Set<String> privileges = byPath.get(p);
      if (privileges != null && privileges.contains(privilege)) return true;
      if (p.equals("/")) return false;
    }
  }

  /** {@code GET /access/permissions}: path → privilege → 1 (propagated). */
  JsonObject toJson(Set<String> everything) {
    JsonObject out = new JsonObject();
    Map<String, Set<String>> acl = byPath == null ? Map.of("/", everything) : new LinkedHashMap<>(byPath);
    acl.forEach((path, privileges) -> {
      JsonObject p = new JsonObject();
      privileges.forEach(privilege -> p.put(privilege, 1));
      out.put(path, p);
    });
    return out;
  }

  /**
   * The (path, privilege) pairs a {@code PUT …/config} with {@code params} needs (pve-container
   * {@code check_ct_modify_config_perm}); a bridge in {@code net0} also needs SDN.Use on it, as
   * every bridge is a vnet of the {@code localnetwork} zone since Proxmox VE 8.
   */
  static List<String[]> neededForConfig(int vmid, MultiMap params) {
    String vms = "/vms/" + vmid;
    List<String[]> needed = new ArrayList<>();
    for (String name : params.names()) {
      String privilege = switch (name) {
        case "cores", "cpulimit", "cpuunits" -> "VM.Config.CPU";
        case "memory", "swap" -> "VM.Config.Memory";
        case "net0" -> "VM.Config.Network";
        case "digest" -> null;
        default -> "VM.Config.Options";
      };
      if (privilege != null) needed.add(new String[] {vms, privilege});
      if (name.equals("net0")) {
        String bridge = "vmbr0";
        for (String option : params.get("net0").split(",")) {
          if (option.startsWith("bridge=")) bridge = option.substring(7);
        }
        needed.add(new String[] {"/sdn/zones/localnetwork/" + bridge, "SDN.Use"});
      }
    }
    return needed;
  }

  private static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? "/" : path.substring(0, slash);
  }
}
