package com.zerolaghub.bench;

import com.zerolaghub.core.infra.agent.AgentBackup;
import com.zerolaghub.core.infra.agent.AgentConfigRequest;
import com.zerolaghub.core.infra.agent.AgentEndpoint;
import com.zerolaghub.core.infra.agent.AgentFileEntry;
import com.zerolaghub.core.infra.agent.AgentPort;
import com.zerolaghub.core.infra.agent.AgentStatus;
import com.zerolaghub.core.infra.dns.DnsPort;
import com.zerolaghub.core.infra.dns.SrvRecord;
import com.zerolaghub.core.infra.proxmox.CloneRequest;
import com.zerolaghub.core.infra.proxmox.ContainerResources;
import com.zerolaghub.core.infra.proxmox.ContainerState;
import com.zerolaghub.core.infra.proxmox.ContainerStatus;
import com.zerolaghub.core.infra.proxmox.InventoryEntry;
import com.zerolaghub.core.infra.proxmox.ProxmoxPort;
import com.zerolaghub.core.infra.proxmox.TaskResult;
import com.zerolaghub.core.infra.proxmox.Upid;
import com.zerolaghub.core.infra.velocity.VelocityPort;
import com.zerolaghub.core.infra.velocity.VelocityServer;
import com.zerolaghub.core.servers.run.RunnerPorts;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.streams.ReadStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Outside systems that answer at once and keep nothing: the provisioning saga runs every step
 * (and records it) but no outside call costs anything. The baseline the real adapters against
 * simulators are compared with.
 */
final class InstantPorts {
  private InstantPorts() {}

  static RunnerPorts create() {
    return new RunnerPorts(new Proxmox(), new Dns(), new Velocity(), new Agents());
  }

  private static final class Proxmox implements ProxmoxPort {
    private final AtomicInteger next = new AtomicInteger(100);

    private static Upid upid(String type, int vmid) {
      return Upid.parse("UPID:pve1:00000001:00000001:00000001:" + type + ":" + vmid + ":bench@pve!bench:");
    }

    public Future<Integer> nextId() {
      return Future.succeededFuture(next.getAndIncrement());
    }

    public Future<Boolean> vmidFree(int vmid) {
      return Future.succeededFuture(vmid >= next.get());
    }

    public Future<Upid> cloneContainer(CloneRequest request) {
      return Future.succeededFuture(upid("vzclone", request.newVmid()));
    }

    public Future<TaskResult> awaitTask(Upid upid, Duration timeout) {
      return Future.succeededFuture(new TaskResult(upid, "OK"));
    }

    public Future<Void> setResources(int vmid, ContainerResources resources) {
      return Future.succeededFuture();
    }

    public Future<Map<String, String>> config(int vmid) {
      return Future.succeededFuture(Map.of("net0", "name=eth0,bridge=vmbr0,ip=dhcp,type=veth"));
    }

    public Future<Map<String, Set<String>>> permissions() {
      return Future.succeededFuture(Map.of());
    }

    public Future<String> release() {
      return Future.succeededFuture("9.0");
    }

    public Future<String> networkConfig(int vmid) {
      return Future.succeededFuture("name=eth0,bridge=vmbr0,ip=dhcp,type=veth");
    }

    public Future<Void> setNetwork(int vmid, String net0) {
      return Future.succeededFuture();
    }

    public Future<Upid> start(int vmid) {
      return Future.succeededFuture(upid("vzstart", vmid));
    }

    public Future<Upid> shutdown(int vmid, Duration grace) {
      return Future.succeededFuture(upid("vzshutdown", vmid));
    }

    public Future<Upid> stop(int vmid) {
      return Future.succeededFuture(upid("vzstop", vmid));
    }

    public Future<Upid> reboot(int vmid) {
      return Future.succeededFuture(upid("vzreboot", vmid));
    }

    public Future<ContainerStatus> status(int vmid) {
      return Future.succeededFuture(new ContainerStatus(vmid, ContainerState.STOPPED, "ct" + vmid, null, false, 0, 1, 0, 0));
    }

    public Future<String> containerAddress(int vmid) {
      return Future.succeededFuture("10.0." + (vmid / 256) % 256 + "." + vmid % 256);
    }

    public Future<Upid> delete(int vmid) {
      return Future.succeededFuture(upid("vzdestroy", vmid));
    }

    public Future<List<InventoryEntry>> inventory() {
      return Future.succeededFuture(List.of());
    }
  }

  private static final class Dns implements DnsPort {
    private final AtomicInteger ids = new AtomicInteger();

    public Future<List<SrvRecord>> findSrv(String name) {
      return Future.succeededFuture(List.of());
    }

    public Future<List<SrvRecord>> listSrv() {
      return Future.succeededFuture(List.of());
    }

    public Future<String> createSrv(String name, String target, int port, int priority, int weight) {
      return Future.succeededFuture("rec-" + ids.incrementAndGet());
    }

    public Future<Boolean> deleteRecord(String id) {
      return Future.succeededFuture(true);
    }
  }

  private static final class Velocity implements VelocityPort {
    public Future<List<VelocityServer>> list() {
      return Future.succeededFuture(List.of());
    }

    public Future<Void> register(String name, String address, int port) {
      return Future.succeededFuture();
    }

    public Future<Boolean> deregister(String name) {
      return Future.succeededFuture(true);
    }
  }

  private static final class Agents implements AgentPort {
    private static <T> Future<T> unused() {
      return Future.failedFuture(new UnsupportedOperationException("not used by provisioning"));
    }

    public Future<Void> health(AgentEndpoint agent) {
      return Future.succeededFuture();
    }

    public Future<Void> claim(AgentEndpoint agent) {
      return Future.succeededFuture();
    }

    public Future<AgentStatus> status(AgentEndpoint agent) {
      return unused();
    }

    public Future<Void> pushConfig(AgentEndpoint agent, AgentConfigRequest config) {
      return Future.succeededFuture();
    }

    public Future<Void> startGame(AgentEndpoint agent) {
      return unused();
    }

    public Future<Void> stopGame(AgentEndpoint agent) {
      return unused();
    }

    public Future<Void> restartGame(AgentEndpoint agent) {
      return unused();
    }

    public Future<Void> sendCommand(AgentEndpoint agent, String command) {
      return unused();
    }

    public Future<List<AgentFileEntry>> listFiles(AgentEndpoint agent, String path) {
      return unused();
    }

    public Future<Buffer> readFile(AgentEndpoint agent, String path) {
      return unused();
    }

    public Future<Void> writeFile(AgentEndpoint agent, String path, Buffer content) {
      return unused();
    }

    public Future<Void> writeFile(AgentEndpoint agent, String path, ReadStream<Buffer> content) {
      return unused();
    }

    public Future<String> createBackup(AgentEndpoint agent) {
      return unused();
    }

    public Future<List<AgentBackup>> listBackups(AgentEndpoint agent) {
      return unused();
    }

    public Future<Void> restoreBackup(AgentEndpoint agent, String backupId) {
      return unused();
    }

    public Future<Void> startCodeServer(AgentEndpoint agent) {
      return unused();
    }

    public Future<Void> stopCodeServer(AgentEndpoint agent) {
      return unused();
    }

    public Future<Void> restartCodeServer(AgentEndpoint agent) {
      return unused();
    }

    public Future<WebSocket> openConsole(AgentEndpoint agent) {
      return unused();
    }
  }
}
