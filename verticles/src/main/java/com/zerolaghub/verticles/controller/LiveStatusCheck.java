package com.zerolaghub.verticles.controller;

import com.zerolaghub.core.infra.OutsideSystemException;
import com.zerolaghub.core.infra.proxmox.ContainerNotFoundException;
import com.zerolaghub.core.infra.proxmox.ProxmoxPort;
import com.zerolaghub.core.controller.DesiredServer;
import com.zerolaghub.core.controller.DriftKind;
import com.zerolaghub.core.controller.Finding;
import com.zerolaghub.core.controller.Observation;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Confirms what {@code /cluster/resources} says about a container before it becomes a finding.
 * That view lags: status and names come from statistics broadcast about every 10 s, so a host
 * the platform just started still shows {@code stopped}, and a new one {@code unknown}. It also
 * leaves out guests the API token may not audit. {@code …/status/current} asks the node itself,
 * and its answer replaces the inventory's for the containers a finding is about: it is running or
 * stopped as it says, and a token refused there ({@code 403}) gives no verdict at all.
 */
final class LiveStatusCheck {
  /** Enough for any drift a person can act on in one pass; the rest waits for the next. */
  static final int MAX_CHECKS_PER_PASS = 50;

  private final ProxmoxPort proxmox;

  LiveStatusCheck(ProxmoxPort proxmox) {
    this.proxmox = proxmox;
  }

  /** {@code seen} with the containers of power and missing-container findings checked live. */
  Future<Observation> confirm(List<Finding> findings, List<DesiredServer> desired, Observation seen) {
    Map<String, Integer> vmids = new HashMap<>();
    for (DesiredServer s : desired) vmids.put(s.serverId(), s.vmid());
    List<Integer> toCheck = new ArrayList<>();
    for (Finding f : findings) {
      Integer vmid = vmids.get(f.serverId());
      if (vmid != null && needsCheck(f.kind()) && !toCheck.contains(vmid) && toCheck.size() < MAX_CHECKS_PER_PASS) {
        toCheck.add(vmid);
      }
    }
    if (toCheck.isEmpty()) return Future.succeededFuture(seen);
    Map<Integer, String> containers = new HashMap<>(seen.containers());
    List<Future<Void>> checks = new ArrayList<>();
    for (int vmid : toCheck) {
      checks.add(proxmox.status(vmid)
          .<Void>map(status -> {
            synchronized (containers) {
              containers.put(vmid, status.state().wire());
            }
            return null;
          })
          .recover(err -> {
            synchronized (containers) {
              if (err instanceof ContainerNotFoundException) {
                containers.remove(vmid);
              } else if (err instanceof OutsideSystemException o && o.status() == 403) {
                // the token may not look at it: no verdict, never "gone"
                containers.put(vmid, "unknown");
              }
              // anything else: keep what the inventory said
            }
            return Future.succeededFuture();
          }));
    }
    return Future.join(checks).map(v -> new Observation(containers, seen.srvRecords(), seen.velocity(), seen.agents()));
  }

  private static boolean needsCheck(DriftKind kind) {
    return kind == DriftKind.CONTAINER_STOPPED || kind == DriftKind.RUNNING_WHILE_SUSPENDED
        || kind == DriftKind.CONTAINER_MISSING;
  }
}
