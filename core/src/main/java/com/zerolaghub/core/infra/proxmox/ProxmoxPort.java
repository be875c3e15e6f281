package com.zerolaghub.core.infra.proxmox;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Proxmox VE operations the platform needs, on the one node it is configured for. Calls that
 * start a Proxmox task answer its {@link Upid} as soon as Proxmox accepted it; use
 * {@link #awaitTask} for the outcome.
 *
 * <p>Failures: {@link ContainerLockedException} (config lock or lock timeout),
 * {@link ContainerNotFoundException}, {@link ContainerRunningException},
 * {@link ContainerNotRunningException}, {@link TaskFailedException} (from {@link #awaitTask}),
 * otherwise {@link com.zerolaghub.core.infra.OutsideSystemException} and its timeout/unreachable
 * subtypes.
 */
public interface ProxmoxPort {

  /** {@code GET /cluster/nextid}: the lowest free vmid. Not reserved: a clone may still race. */
  Future<Integer> nextId();

  /**
   * {@code GET /cluster/nextid?vmid=N}: whether Proxmox holds no guest with that id (at the time
   * of the check). Proxmox answers 400 "VM N already exists" for a taken id; that is {@code false}.
   */
  Future<Boolean> vmidFree(int vmid);

  /** {@code POST …/lxc/{template}/clone}. The new container is locked ({@code create}) until the task ends. */
  Future<Upid> cloneContainer(CloneRequest request);

  /**
   * Polls the task's status with back-off until it stops. Succeeds for {@code OK} and
   * {@code WARNINGS: n}; fails with {@link TaskFailedException} for any other exit status, and with
   * {@link com.zerolaghub.core.infra.OutsideSystemTimeoutException} when still running after
   * {@code timeout} (the task itself goes on).
   */
  Future<TaskResult> awaitTask(Upid upid, Duration timeout);

  /** {@code PUT …/lxc/{vmid}/config} with {@code cores}, {@code memory}, {@code swap}. Synchronous. */
  Future<Void> setResources(int vmid, ContainerResources resources);

  /** {@code GET …/lxc/{vmid}/config}: every option as text ({@code net0}, {@code rootfs}, {@code template}, …). */
  Future<Map<String, String>> config(int vmid);

  /** {@code GET /access/permissions}: the token's effective privileges, by ACL path. */
  Future<Map<String, Set<String>>> permissions();

  /** {@code GET /version}: the Proxmox VE release, e.g. {@code 8.4}. */
  Future<String> release();

  /** {@code GET …/lxc/{vmid}/config}: the container's {@code net0} value, null when it has none. */
  Future<String> networkConfig(int vmid);

  /** {@code PUT …/lxc/{vmid}/config} with {@code net0}. Synchronous. */
  Future<Void> setNetwork(int vmid, String net0);

  /** {@code POST …/status/start}. Fails with {@link ContainerRunningException} when already running. */
  Future<Upid> start(int vmid);

  /**
   * {@code POST …/status/shutdown} with {@code timeout} and {@code forceStop=1}: a clean shutdown,
   * hard stop after {@code grace}.
   */
  Future<Upid> shutdown(int vmid, Duration grace);

  /** {@code POST …/status/stop}: immediate stop. */
  Future<Upid> stop(int vmid);

  /** {@code POST …/status/reboot}. */
  Future<Upid> reboot(int vmid);

  /** {@code GET …/status/current}. */
  Future<ContainerStatus> status(int vmid);

  /**
   * The container's IPv4 address: the static {@code ip=} of {@code net0} from its config, or, for
   * DHCP, the {@code eth0} address from {@code GET …/interfaces} (running containers only).
   */
  Future<String> containerAddress(int vmid);

  /** {@code DELETE …/lxc/{vmid}}. Refused ({@link ContainerRunningException}) while it runs. */
  Future<Upid> delete(int vmid);

  /** All LXC containers of the cluster, templates included, in one {@code GET /cluster/resources?type=vm}. */
  Future<List<InventoryEntry>> inventory();
}
