package com.zerolaghub.core.infra.proxmox;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a Proxmox node against what the platform needs, before a customer meets the gap: a
 * supported release (8.x or 9.x), the templates (present, templates, {@code ip=dhcp} when
 * addresses come from DHCP), and the API token's least privileges (docs/proxmox.md). A token
 * that lacks VM.Audit does not fail calls, it just sees fewer guests in the inventory; this is
 * where that shows up.
 */
public final class ProxmoxReadiness {

  /** One finding: {@code ok} false means provisioning or the controller will fail or be misled. */
  public record Check(String name, boolean ok, String detail) {}

  private final ProxmoxPort proxmox;
  private final List<Integer> templates;
  private final ContainerPlacement placement;

  public ProxmoxReadiness(ProxmoxPort proxmox, List<Integer> templates, ContainerPlacement placement) {
    this.proxmox = proxmox;
    this.templates = List.copyOf(templates);
    this.placement = placement;
  }

  /** Every check, in order; never fails (an unreachable node is a failed check). */
  public Future<List<Check>> run() {
    List<Check> checks = new ArrayList<>();
    return proxmox.release()
        .map(release -> {
          int major = release == null ? 0 : Integer.parseInt(release.split("\\.")[0]);
          checks.add(new Check("release", major == 8 || major == 9,
              "Proxmox VE " + release + (major == 8 || major == 9 ? "" : ": supported are 8.x and 9.x")));
          return null;
        })
        .recover(err -> {
          checks.add(new Check("release", false, "GET /version failed: " + err.getMessage()));
          return Future.succeededFuture();
        })
        .compose(v -> templateChecks(checks, 0))
        .compose(storages -> privilegeChecks(checks, storages))
        .map(v -> List.copyOf(checks));
  }

  /** Checks each template; answers the storages and bridges its clones will use. */
  private Future<List<String[]>> templateChecks(List<Check> checks, int index) {
    if (index >= templates.size()) return Future.succeededFuture(new ArrayList<>());
    int vmid = templates.get(index);
    return proxmox.config(vmid)
        .map(config -> {
          boolean template = "1".equals(config.get("template"));
          checks.add(new Check("template " + vmid, template, template ? "a template" : "CT " + vmid + " is not a template"));
          String net0 = config.get("net0");
          if (placement.addressing() instanceof ContainerAddressing.Dhcp) {
            Optional<String> fixed = NetworkConfig.staticIpv4(net0);
            boolean dhcp = net0 != null && net0.contains("ip=dhcp");
            checks.add(new Check("template " + vmid + " network", dhcp, dhcp ? "net0 ip=dhcp"
                : "net0 is '" + net0 + "': every clone would get " + fixed.map(a -> "the address " + a).orElse("no address")
                    + "; set ip=dhcp or use infra.containerAddressing=pool"));
          }
          String rootfs = config.getOrDefault("rootfs", "");
          String storage = rootfs.contains(":") ? rootfs.substring(0, rootfs.indexOf(':')) : null;
          String bridge = null;
          if (net0 != null) {
            for (String option : net0.split(",")) if (option.startsWith("bridge=")) bridge = option.substring(7);
          }
          return new String[] {Integer.toString(vmid), storage, bridge};
        })
        .recover(err -> {
          checks.add(new Check("template " + vmid, false, "cannot read its config: " + err.getMessage()));
          return Future.succeededFuture(null);
        })
        .compose(found -> templateChecks(checks, index + 1).map(rest -> {
          if (found != null) rest.add(0, found);
          return rest;
        }));
  }

  private Future<Void> privilegeChecks(List<Check> checks, List<String[]> templateFacts) {
    return proxmox.permissions()
        .map(granted -> {
          List<String> missing = new ArrayList<>();
          for (String[] need : required(templateFacts)) {
            if (!holds(granted, need[0], need[1])) missing.add(need[1] + " on " + need[0]);
          }
          checks.add(new Check("privileges", missing.isEmpty(), missing.isEmpty()
              ? "the API token holds every privilege the platform uses"
              : "the API token lacks " + String.join(", ", missing)));
          return (Void) null;
        })
        .recover(err -> {
          checks.add(new Check("privileges", false, "GET /access/permissions failed: " + err.getMessage()));
          return Future.succeededFuture();
        });
  }

  /** (path, privilege) pairs the platform's calls need. */
  private List<String[]> required(List<String[]> templateFacts) {
    List<String[]> need = new ArrayList<>();
    for (String privilege : List.of("VM.Allocate", "VM.Audit", "VM.PowerMgmt", "VM.Config.CPU", "VM.Config.Memory")) {
      need.add(new String[] {"/vms", privilege});
    }
    boolean pool = placement.addressing() instanceof ContainerAddressing.Pool;
    if (pool) need.add(new String[] {"/vms", "VM.Config.Network"});
    for (String[] t : templateFacts) {
      need.add(new String[] {"/vms/" + t[0], "VM.Clone"});
      String storage = placement.cloneStorage() != null ? placement.cloneStorage() : t[1];
      if (storage != null) need.add(new String[] {"/storage/" + storage, "Datastore.AllocateSpace"});
      if (pool && t[2] != null) need.add(new String[] {"/sdn/zones/localnetwork/" + t[2], "SDN.Use"});
    }
    return need;
  }

  /** Privileges propagate to paths below the one they are granted on. */
  static boolean holds(Map<String, Set<String>> granted, String path, String privilege) {
    for (String p = path; ; p = p.lastIndexOf('/') <= 0 ? "/" : p.substring(0, p.lastIndexOf('/'))) {
      Set<String> privileges = granted.get(p);
      if (privileges != null && privileges.contains(privilege)) return true;
      if (p.equals("/")) return false;
    }
  }
}
