package com.zerolaghub.simulators;

import static com.zerolaghub.simulators.Await.failure;
import static com.zerolaghub.simulators.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.core.infra.OutsideSystemException;
import com.zerolaghub.core.infra.OutsideSystemTimeoutException;
import com.zerolaghub.core.infra.OutsideSystemUnreachableException;
import com.zerolaghub.core.infra.agent.AgentConfigRequest;
import com.zerolaghub.core.infra.agent.AgentEndpoint;
import com.zerolaghub.core.infra.agent.AgentHttpAdapter;
import com.zerolaghub.core.infra.agent.AgentOptions;
import com.zerolaghub.core.infra.agent.AgentStatus;
import com.zerolaghub.core.infra.agent.GameState;
import com.zerolaghub.core.infra.proxmox.CloneRequest;
import com.zerolaghub.core.infra.proxmox.ContainerLockedException;
import com.zerolaghub.core.infra.proxmox.ContainerNotFoundException;
import com.zerolaghub.core.infra.proxmox.ContainerResources;
import com.zerolaghub.core.infra.proxmox.ContainerRunningException;
import com.zerolaghub.core.infra.proxmox.ContainerState;
import com.zerolaghub.core.infra.proxmox.ContainerStatus;
import com.zerolaghub.core.infra.proxmox.InventoryEntry;
import com.zerolaghub.core.infra.proxmox.ProxmoxHttpAdapter;
import com.zerolaghub.core.infra.proxmox.ProxmoxOptions;
import com.zerolaghub.core.infra.proxmox.ProxmoxRefusedException;
import com.zerolaghub.core.infra.proxmox.TaskFailedException;
import com.zerolaghub.core.infra.proxmox.TaskResult;
import com.zerolaghub.core.infra.proxmox.Upid;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class ContainerLifecycleThroughAdaptersTest {
  private static final String SECRET = "6f0c1a3e-2f7b-4c38-9a4e-0d1f2b3c4d5e";
  private static final Duration TASK_WAIT = Duration.ofSeconds(5);

  private Vertx vertx;
  private ProxmoxSimulator proxmox;
  private ProxmoxHttpAdapter pve;
  private AgentHttpAdapter agents;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    this.vertx = vertx;
    // a random second octet keeps concurrent test runs on one machine off each other's addresses
    int octet = ThreadLocalRandom.current().nextInt(20, 250);
    proxmox = new ProxmoxSimulator(vertx, ProxmoxSimulatorOptions.defaults(SECRET).withLoopbackSecondOctet(octet));
    result(proxmox.start());
    proxmox.inventoryLag(Duration.ZERO); // these tests read the node's current view; the lag has its own test
    pve = adapter(SECRET, Duration.ofSeconds(2));
    agents = new AgentHttpAdapter(vertx, AgentOptions.defaults().withRequestTimeout(Duration.ofSeconds(2)));
  }

  @AfterEach
  void stop() throws Exception {
    pve.close();
    agents.close();
    result(proxmox.stop());
  }

  private ProxmoxHttpAdapter adapter(String secret, Duration requestTimeout) {
    return new ProxmoxHttpAdapter(vertx,
        ProxmoxOptions.of(URI.create(proxmox.apiBase()), ProxmoxSimulatorOptions.DEFAULT_TOKEN_ID, secret)
            .withRequestTimeout(requestTimeout)
            .withTaskPolling(Duration.ofMillis(5), Duration.ofMillis(25)));
  }

  private int cloned(int template, String hostname) throws Exception {
    int vmid = result(pve.nextId());
    result(pve.awaitTask(result(pve.cloneContainer(CloneRequest.linked(template, vmid, hostname))), TASK_WAIT));
    return vmid;
  }

  /** Starts the container and claims its agent with {@code token}, as provisioning does. */
  private void started(int vmid, String token) throws Exception {
    result(pve.awaitTask(result(pve.start(vmid)), TASK_WAIT));
    result(agents.claim(new AgentEndpoint(proxmox.address(vmid), AgentEndpoint.DEFAULT_PORT, token)));
  }

  @Test
  @DisplayName("a task Proxmox does not know (400 'no such task') fails the wait at once, not after its timeout")
  void unknownTaskFailsAtOnce() throws Exception {
    Upid unknown = Upid.parse("UPID:pve1:0000ABCD:00012345:65000000:vzstart:100:" + ProxmoxSimulatorOptions.DEFAULT_TOKEN_ID + ":");
    long started = System.nanoTime();
    Throwable failed = failure(pve.awaitTask(unknown, Duration.ofSeconds(4)));
    assertThat(failed).isInstanceOf(OutsideSystemException.class).hasMessageContaining("no such task");
    assertThat(((OutsideSystemException) failed).status()).isEqualTo(400);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  @DisplayName("a clone copies the template's net0 as it is, fixed address included; only the MAC is new")
  void cloneCopiesTheTemplatesNet0() throws Exception {
    proxmox.setNet0(9000, "name=eth0,bridge=vmbr1,hwaddr=BC:24:11:00:23:28,ip=10.0.5.9/24,gw=10.0.5.1,type=veth");
    int vmid = cloned(9000, "mc-net");

    String net0 = result(pve.networkConfig(vmid));
    assertThat(net0).contains("bridge=vmbr1").contains("ip=10.0.5.9/24").contains("gw=10.0.5.1")
        .doesNotContain("BC:24:11:00:23:28").contains("hwaddr=");
    assertThat(result(pve.containerAddress(vmid))).isEqualTo("10.0.5.9");
  }

  @Test
  @DisplayName("/cluster/resources lags: a new container is 'unknown' without a name, a start shows late; status/current is current")
  void inventoryLagsBehindTheNode() throws Exception {
    proxmox.inventoryLag(Duration.ofSeconds(60));
    int vmid = cloned(9000, "mc-lag");

    assertThat(result(pve.inventory())).contains(new InventoryEntry(vmid, "pve1", ContainerState.UNKNOWN, null, false));
    result(pve.awaitTask(result(pve.start(vmid)), TASK_WAIT));
    assertThat(result(pve.inventory())).contains(new InventoryEntry(vmid, "pve1", ContainerState.UNKNOWN, null, false));
    assertThat(result(pve.status(vmid)).state()).isEqualTo(ContainerState.RUNNING);

    proxmox.inventoryLag(Duration.ZERO);
    assertThat(result(pve.inventory())).contains(new InventoryEntry(vmid, "pve1", ContainerState.RUNNING, "mc-lag", false));
  }

  @Test
  @DisplayName("full=0 on directory storage is refused at once (500, Linked clone feature … not available); a full clone works")
  void linkedCloneNeedsTheCloneFeature() throws Exception {
    proxmox.setStorage(9000, "local");

    Throwable refused = failure(pve.cloneContainer(CloneRequest.linked(9000, 100, "mc-dir")));
    assertThat(refused).isInstanceOf(ProxmoxRefusedException.class)
        .hasMessageContaining("Linked clone feature for 'local:9000/base-9000-disk-0.raw' is not available");
    assertThat(((OutsideSystemException) refused).transientFailure()).isFalse();
    assertThat(proxmox.container(100)).isEmpty();

    result(pve.awaitTask(result(pve.cloneContainer(CloneRequest.full(9000, 100, "mc-dir", "local-lvm"))), TASK_WAIT));
    assertThat(proxmox.rootfs(100)).isEqualTo("local-lvm:vm-100-disk-0");
  }

  @Test
  @DisplayName("a token's privileges: 403 naming path and privilege; /cluster/resources silently leaves out what it may not audit")
  void tokenPrivilegesAreChecked() throws Exception {
    int vmid = cloned(9000, "mc-acl");
    proxmox.tokenPrivileges(Map.of("/vms", Set.of("VM.Allocate", "VM.PowerMgmt", "VM.Config.Network"),
        "/vms/9000", Set.of("VM.Audit")));

    OutsideSystemException noClone = (OutsideSystemException) failure(pve.cloneContainer(CloneRequest.linked(9000, vmid + 1, "mc-no")));
    assertThat(noClone.status()).isEqualTo(403);
    assertThat(noClone).hasMessageContaining("Permission check failed (/vms/9000, VM.Clone)");
    assertThat(failure(pve.status(vmid))).hasMessageContaining("Permission check failed (/vms/" + vmid + ", VM.Audit)");
    assertThat(failure(pve.setNetwork(vmid, "name=eth0,bridge=vmbr0,ip=dhcp")))
        .hasMessageContaining("Permission check failed (/sdn/zones/localnetwork/vmbr0, SDN.Use)");
    assertThat(result(pve.inventory())).extracting(InventoryEntry::vmid).containsExactly(9000);
    assertThat(result(pve.permissions())).containsKey("/vms/9000");
  }

  @Test
  @DisplayName("nextid?vmid=N says whether one id is free: a cloned container's id is taken, the next one is free")
  void askingAboutOneIdAnswersWhetherItIsTaken() throws Exception {
    int vmid = cloned(9000, "mc-asked");
    assertThat(result(pve.vmidFree(vmid))).isFalse();
    assertThat(result(pve.vmidFree(vmid + 1))).isTrue();
    assertThat(result(pve.vmidFree(9000))).as("the template's id").isFalse();
  }

  @Test
  @DisplayName("a container lives from nextid through clone, start, agent config, stop and delete until it is gone")
  void containerLivesFromCloneToDelete() throws Exception {
    int vmid = result(pve.nextId());
    assertThat(vmid).isEqualTo(100);

    Upid clone = result(pve.cloneContainer(CloneRequest.linked(9000, vmid, "mc-alpha")));
    assertThat(clone.node()).isEqualTo("pve1");
    assertThat(clone.type()).isEqualTo("vzclone");
    assertThat(clone.id()).isEqualTo("9000");
    assertThat(clone.user()).isEqualTo(ProxmoxSimulatorOptions.DEFAULT_TOKEN_ID);
    TaskResult cloned = result(pve.awaitTask(clone, TASK_WAIT));
    assertThat(cloned.succeeded()).isTrue();
    assertThat(proxmox.cloneCount()).isEqualTo(1);

    result(pve.setResources(vmid, new ContainerResources(2, 4096, 512)));
    assertThat(proxmox.container(vmid)).get().satisfies(c -> {
      assertThat(c.cores()).isEqualTo(2);
      assertThat(c.memoryMb()).isEqualTo(4096);
      assertThat(c.hostname()).isEqualTo("mc-alpha");
      assertThat(c.lock()).isNull();
    });

    result(pve.awaitTask(result(pve.start(vmid)), TASK_WAIT));
    ContainerStatus running = result(pve.status(vmid));
    assertThat(running.state()).isEqualTo(ContainerState.RUNNING);
    assertThat(running.name()).isEqualTo("mc-alpha");
    assertThat(running.maxMemBytes()).isEqualTo(4096L * 1024 * 1024);
    assertThat(result(pve.inventory()))
        .contains(new InventoryEntry(vmid, "pve1", ContainerState.RUNNING, "mc-alpha", false))
        .contains(new InventoryEntry(9000, "pve1", ContainerState.STOPPED, "zlh-game-template", true));

    String address = result(pve.containerAddress(vmid));
    assertThat(address).isEqualTo(proxmox.address(vmid)).startsWith("127.").isNotEqualTo("127.0.0.1");
    AgentEndpoint bootstrap = new AgentEndpoint(address, AgentEndpoint.DEFAULT_PORT, "bootstrap-token");
    assertThat(((OutsideSystemException) failure(agents.health(bootstrap))).status()).as("unclaimed").isEqualTo(401);
    result(agents.claim(bootstrap));
    result(agents.health(bootstrap));

    result(agents.pushConfig(bootstrap, new AgentConfigRequest("agent-token-2", Map.of("variant", "vanilla"))));
    AgentEndpoint agent = bootstrap.withToken("agent-token-2");
    Await.untilAsync(() -> agents.status(agent).map(s -> s.game().state() == GameState.RUNNING), TASK_WAIT);
    AgentStatus status = result(agents.status(agent));
    assertThat(status.provisioningComplete()).isTrue();
    assertThat(status.containerType()).isEqualTo("game");
    OutsideSystemException oldToken = (OutsideSystemException) failure(agents.health(bootstrap));
    assertThat(oldToken.status()).isEqualTo(401);

    result(pve.awaitTask(result(pve.shutdown(vmid, Duration.ofSeconds(30))), TASK_WAIT));
    assertThat(result(pve.status(vmid)).state()).isEqualTo(ContainerState.STOPPED);
    assertThat(failure(agents.health(agent))).isInstanceOf(OutsideSystemUnreachableException.class);

    Upid delete = result(pve.delete(vmid));
    assertThat(delete.type()).isEqualTo("vzdestroy");
    result(pve.awaitTask(delete, TASK_WAIT));
    assertThat(failure(pve.status(vmid))).isInstanceOf(ContainerNotFoundException.class);
    assertThat(result(pve.inventory())).extracting(InventoryEntry::vmid).doesNotContain(vmid);
    assertThat(proxmox.container(vmid)).isEmpty();
  }

  @Test
  @DisplayName("Proxmox VE 8.x/9.0 refuse the env option (400, not in schema); 9.1 takes it and shows it to every config reader")
  void envOptionExistsOnlyFrom91() throws Exception {
    int vmid = cloned(9000, "mc-env");
    WebClient web = WebClient.create(vertx);
    try {
      var refused = result(web.putAbs(proxmox.apiBase() + "/nodes/pve1/lxc/" + vmid + "/config")
          .putHeader("Authorization", "PVEAPIToken=" + ProxmoxSimulatorOptions.DEFAULT_TOKEN_ID + "=" + SECRET)
          .sendForm(MultiMap.caseInsensitiveMultiMap().add("env", "A=1")));
      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(refused.bodyAsJsonObject().getJsonObject("errors").getString("env")).contains("property is not defined in schema");

      proxmox.emulateRelease("9.1");
      var taken = result(web.putAbs(proxmox.apiBase() + "/nodes/pve1/lxc/" + vmid + "/config")
          .putHeader("Authorization", "PVEAPIToken=" + ProxmoxSimulatorOptions.DEFAULT_TOKEN_ID + "=" + SECRET)
          .sendForm(MultiMap.caseInsensitiveMultiMap().add("env", "A=1")));
      assertThat(taken.statusCode()).isEqualTo(200);
    } finally {
      web.close();
    }
  }

  @Test
  @DisplayName("an agent claimed by someone else refuses the platform's claim with 403 already_claimed")
  void claimedAgentRefusesAnotherClaim() throws Exception {
    int vmid = cloned(9000, "mc-claimed");
    started(vmid, "first-claimer-token");
    AgentEndpoint platform = new AgentEndpoint(proxmox.address(vmid), AgentEndpoint.DEFAULT_PORT, "platform-token");

    OutsideSystemException refused = (OutsideSystemException) failure(agents.claim(platform));

    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.code()).isEqualTo("already_claimed");
    result(agents.claim(platform.withToken("first-claimer-token")));
  }

  @Test
  @DisplayName("the agent keeps its config across a container restart and starts the game again")
  void agentKeepsConfigAcrossRestart() throws Exception {
    int vmid = cloned(9000, "mc-restart");
    started(vmid, "boot");
    AgentEndpoint agent = new AgentEndpoint(proxmox.address(vmid), AgentEndpoint.DEFAULT_PORT, "boot");
    result(agents.pushConfig(agent, new AgentConfigRequest("boot", Map.of())));

    result(pve.awaitTask(result(pve.reboot(vmid)), TASK_WAIT));

    Await.untilAsync(() -> agents.status(agent).map(s -> s.game().state() == GameState.RUNNING), TASK_WAIT);
    assertThat(proxmox.agent(vmid)).get().extracting(AgentSimulator::configChanges).isEqualTo(1);
  }

  @Test
  @DisplayName("delete is refused while the container runs")
  void deleteIsRefusedWhileContainerRuns() throws Exception {
    int vmid = cloned(9000, "mc-running");
    started(vmid, "t");

    Throwable refused = failure(pve.delete(vmid));

    assertThat(refused).isInstanceOf(ContainerRunningException.class)
        .hasMessageContaining("unable to destroy CT " + vmid + " - container is running");
    assertThat(proxmox.container(vmid)).isPresent();
  }

  @Test
  @DisplayName("while a clone runs the new container is locked (create) and the template (disk)")
  void containerIsLockedWhileItsCloneRuns() throws Exception {
    proxmox.faults(FaultPlan.none().withTaskDuration(Duration.ofMillis(400)));
    Upid clone = result(pve.cloneContainer(CloneRequest.linked(9000, 100, "mc-slow")));

    Throwable locked = failure(pve.setResources(100, new ContainerResources(1, 1024, 0)));
    Throwable templateLocked = failure(pve.cloneContainer(CloneRequest.linked(9000, 101, "mc-other")));
    Throwable deleteLocked = failure(pve.delete(100));

    assertThat(locked).isInstanceOf(ContainerLockedException.class).hasMessageContaining("CT is locked (create)");
    assertThat(templateLocked).isInstanceOf(ContainerLockedException.class).hasMessageContaining("CT is locked (disk)");
    assertThat(deleteLocked).isInstanceOf(ContainerLockedException.class);
    assertThat(result(pve.status(100)).lock()).isEqualTo("create");

    result(pve.awaitTask(clone, TASK_WAIT));
    result(pve.setResources(100, new ContainerResources(1, 1024, 0)));
    assertThat(result(pve.status(100)).locked()).isFalse();
  }

  @Test
  @DisplayName("a config write waiting longer than the lock timeout for a running task fails as locked")
  void configWriteTimesOutOnTheConfigFileLock() throws Exception {
    result(proxmox.stop());
    proxmox = new ProxmoxSimulator(vertx, ProxmoxSimulatorOptions.defaults(SECRET)
        .withLoopbackSecondOctet(ThreadLocalRandom.current().nextInt(20, 250))
        .withLockTimeout(Duration.ofMillis(100)));
    result(proxmox.start());
    pve.close();
    // generous: on a loaded machine the first request of a fresh JVM can take seconds (class loading)
    pve = adapter(SECRET, Duration.ofSeconds(10));
    int vmid = cloned(9000, "mc-flock");
    proxmox.faults(FaultPlan.none().withTaskDuration(Duration.ofMillis(600)));
    Upid start = result(pve.start(vmid));

    Throwable locked = failure(pve.setResources(vmid, new ContainerResources(4, 2048, 0)));

    assertThat(locked).isInstanceOf(ContainerLockedException.class)
        .hasMessageContaining("can't lock file '/run/lock/lxc/pve-config-" + vmid + ".lock' - got timeout");
    result(pve.awaitTask(start, TASK_WAIT));
  }

  @Test
  @DisplayName("a start task on a locked container fails with the lock as exit status")
  void startOfLockedContainerFailsInItsTask() throws Exception {
    int vmid = cloned(9000, "mc-backup");
    proxmox.holdLock(vmid, "backup");

    TaskFailedException failed = (TaskFailedException) failure(pve.awaitTask(result(pve.start(vmid)), TASK_WAIT));

    assertThat(failed.exitstatus()).isEqualTo("CT is locked (backup)");
    assertThat(failed.lockConflict()).isTrue();
    assertThat(failed.upid().type()).isEqualTo("vzstart");
  }

  @Test
  @DisplayName("a failed clone task surfaces as TaskFailedException and leaves no container behind")
  void failedCloneSurfacesAsTaskFailed() throws Exception {
    proxmox.faults(FaultPlan.none().failingTasks("vzclone", "clone failed: no space left on device"));
    Upid clone = result(pve.cloneContainer(CloneRequest.linked(9000, 100, "mc-full")));

    Throwable failed = failure(pve.awaitTask(clone, TASK_WAIT));

    assertThat(failed).isInstanceOf(TaskFailedException.class);
    assertThat(((TaskFailedException) failed).exitstatus()).isEqualTo("clone failed: no space left on device");
    assertThat(((TaskFailedException) failed).lockConflict()).isFalse();
    assertThat(proxmox.container(100)).isEmpty();
    assertThat(proxmox.container(9000)).get().extracting(SimulatedContainer::lock).isNull();
  }

  @Test
  @DisplayName("5xx answers surface as OutsideSystemException with the status, marked transient")
  void serverErrorsSurfaceTyped() throws Exception {
    proxmox.faults(FaultPlan.none().failing("/cluster/nextid$", 503));

    OutsideSystemException failure = (OutsideSystemException) failure(pve.nextId());

    assertThat(failure.status()).isEqualTo(503);
    assertThat(failure.transientFailure()).isTrue();
    assertThat(failure.outcomeUnknown()).isFalse();
  }

  @Test
  @DisplayName("an API that never answers fails with a timeout within the request deadline")
  void hangingApiTimesOutWithinDeadline() throws Exception {
    pve.close();
    pve = adapter(SECRET, Duration.ofMillis(300));
    proxmox.faults(FaultPlan.none().hanging("/cluster/resources"));
    long begin = System.nanoTime();

    Throwable failure = failure(pve.inventory());

    long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
    assertThat(failure).isInstanceOf(OutsideSystemTimeoutException.class);
    assertThat(((OutsideSystemTimeoutException) failure).outcomeUnknown()).isTrue();
    assertThat(elapsedMillis).isBetween(250L, 1500L);
  }

  @Test
  @DisplayName("latency beyond the deadline is a timeout too")
  void slowApiTimesOut() throws Exception {
    pve.close();
    pve = adapter(SECRET, Duration.ofMillis(200));
    proxmox.faults(FaultPlan.none().withLatency(Duration.ofMillis(800)));

    assertThat(failure(pve.nextId())).isInstanceOf(OutsideSystemTimeoutException.class);
  }

  @Test
  @DisplayName("a connection dropped before the answer is unreachable with an unknown outcome")
  void droppedConnectionHasUnknownOutcome() throws Exception {
    proxmox.faults(FaultPlan.none().dropping("/clone$"));

    Throwable failure = failure(pve.cloneContainer(CloneRequest.linked(9000, 100, "mc-drop")));

    assertThat(failure).isInstanceOf(OutsideSystemUnreachableException.class);
    assertThat(((OutsideSystemUnreachableException) failure).outcomeUnknown()).isTrue();
  }

  @Test
  @DisplayName("awaiting a task that outlasts the wait fails with a timeout while the task goes on")
  void awaitTaskTimesOut() throws Exception {
    proxmox.faults(FaultPlan.none().withTaskDuration(Duration.ofSeconds(2)));
    Upid clone = result(pve.cloneContainer(CloneRequest.linked(9000, 100, "mc-long")));

    assertThat(failure(pve.awaitTask(clone, Duration.ofMillis(200)))).isInstanceOf(OutsideSystemTimeoutException.class);
    assertThat(proxmox.container(100)).get().extracting(SimulatedContainer::lock).isEqualTo("create");
  }

  @Test
  @DisplayName("task polling rides out transient 5xx answers")
  void taskPollingRidesOutTransientErrors() throws Exception {
    proxmox.faults(FaultPlan.none().withTaskDuration(Duration.ofMillis(300)));
    Upid clone = result(pve.cloneContainer(CloneRequest.linked(9000, 100, "mc-flaky")));
    proxmox.faults(FaultPlan.none().withTaskDuration(Duration.ofMillis(300)).failing("/tasks/", 503));
    CompletableFuture<TaskResult> waiting = pve.awaitTask(clone, TASK_WAIT).toCompletionStage().toCompletableFuture();
    vertx.setTimer(150, id -> proxmox.faults(FaultPlan.none()));

    assertThat(waiting.get(5, TimeUnit.SECONDS).succeeded()).isTrue();
  }

  @Test
  @DisplayName("a wrong API token is refused with 401")
  void wrongTokenIsUnauthorized() throws Exception {
    ProxmoxHttpAdapter wrong = adapter("not-the-secret", Duration.ofSeconds(2));
    try {
      OutsideSystemException failure = (OutsideSystemException) failure(wrong.nextId());
      assertThat(failure.status()).isEqualTo(401);
      assertThat(failure.code()).isEqualTo("unauthorized");
      assertThat(failure.getMessage()).doesNotContain("not-the-secret");
    } finally {
      wrong.close();
    }
  }

  @Test
  @DisplayName("invalid parameters are refused with Proxmox's parameter verification errors")
  void invalidParametersAreRefused() throws Exception {
    OutsideSystemException failure = (OutsideSystemException) failure(pve.setResources(9000, new ContainerResources(9000, 1024, 0)));

    assertThat(failure.status()).isEqualTo(400);
    assertThat(failure.code()).isEqualTo("parameter_verification");
    assertThat(failure.getMessage()).contains("cores: value must have a maximum value of 8192");
  }

  @Test
  @DisplayName("a dev container asked for code-server serves HTTP and echoes WebSocket on port 6000 of its address")
  void devContainerGetsCodeServerStandIn() throws Exception {
    int vmid = cloned(9001, "dev-alpha");
    started(vmid, "dev-token");
    AgentEndpoint agent = new AgentEndpoint(proxmox.address(vmid), AgentEndpoint.DEFAULT_PORT, "dev-token");
    result(agents.pushConfig(agent, new AgentConfigRequest("dev-token", Map.of("codeServer", true))));

    WebClient web = WebClient.create(vertx);
    WebSocketClient sockets = vertx.createWebSocketClient();
    try {
      var page = result(web.get(6000, proxmox.address(vmid), "/").putHeader("Host", "dev-" + vmid + ".dev.example").send());
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.getHeader("X-Seen-Host")).isEqualTo("dev-" + vmid + ".dev.example");
      WebSocket socket = result(sockets.connect(6000, proxmox.address(vmid), "/"));
      CompletableFuture<String> echoed = new CompletableFuture<>();
      socket.textMessageHandler(echoed::complete);
      socket.writeTextMessage("hello");
      assertThat(echoed.get(5, TimeUnit.SECONDS)).isEqualTo("hello");
      assertThat(result(agents.status(agent)).codeServer().running()).isTrue();

      result(pve.awaitTask(result(pve.stop(vmid)), TASK_WAIT));
      assertThat(failure(web.get(6000, proxmox.address(vmid), "/").send())).isNotNull();

      result(pve.awaitTask(result(pve.start(vmid)), TASK_WAIT));
      assertThat(result(web.get(6000, proxmox.address(vmid), "/").send()).statusCode()).isEqualTo(200);
    } finally {
      web.close();
      sockets.close();
    }
  }
}
