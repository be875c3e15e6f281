package com.zerolaghub.verticles.servers;

import static com.zerolaghub.verticles.servers.ServersNode.eventually;
import static com.zerolaghub.verticles.servers.ServersNode.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.simulators.FaultPlan;
import com.zerolaghub.simulators.ProxmoxSimulator;
import com.zerolaghub.simulators.SimulatedContainer;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("faults of the outside systems end an operation with a clear reason, or are waited out; never a hang, never an orphan")
class FaultInjectionTest {
  private static ServersNode node;

  @BeforeAll
  static void start() throws Exception {
    node = ServersNode.start();
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  @AfterEach
  void clearFaults() throws Exception {
    node.sims().proxmox().faults(FaultPlan.none());
    node.sims().cloudflare().faults(FaultPlan.none());
    node.sims().velocity().faults(FaultPlan.none());
    node.awaitIdle();
    assertNoOrphan();
  }

  /** Every container the node made belongs to a server the platform knows. */
  private static void assertNoOrphan() throws Exception {
    eventually("every container has its server", 5, () -> {
      Set<Integer> known = new HashSet<>();
      json(node.asAdmin("GET", "/api/servers?limit=500", null)).getJsonArray("servers")
          .forEach(s -> {
            Integer vmid = ((JsonObject) s).getInteger("vmid");
            if (vmid != null) known.add(vmid);
          });
      for (SimulatedContainer c : node.sims().proxmox().containers()) {
        if (!c.template()) assertThat(known).as("server of CT " + c.vmid()).contains(c.vmid());
      }
    });
  }

  private static JsonObject failedCreate(String user, String body) throws Exception {
    JsonObject accepted = node.create(user, body);
    JsonObject op = node.awaitFinished(user, accepted.getString("operationId"), 20);
    assertThat(op.getString("status")).as(op.encode()).isEqualTo("failed");
    return op.put("serverId", accepted.getString("serverId"));
  }

  /** A failed server can be cleaned up: stop its host if it may run, then delete; nothing stays. */
  private static void cleanUp(String user, String serverId) throws Exception {
    JsonObject server = json(node.get(user, "/api/servers/" + serverId));
    if (server.getString("hostState").equals("running") || server.getString("hostState").equals("unknown")) {
      HttpResponse<String> refused = node.send(user, "DELETE", "/api/servers/" + serverId, null);
      assertThat(refused.statusCode()).isEqualTo(409);
      node.operate(user, "POST", "/api/servers/" + serverId + "/host/stop");
    }
    node.operate(user, "DELETE", "/api/servers/" + serverId);
    Integer vmid = server.getInteger("vmid");
    if (vmid != null) assertThat(node.sims().proxmox().container(vmid)).isEmpty();
  }

  @Test
  @DisplayName("Proxmox answering the clone with 500: failed at clone, nothing created, and deletable")
  void cloneRefused() throws Exception {
    String user = ServersNode.newUser();
    int clones = node.sims().proxmox().cloneCount();
    node.sims().proxmox().faults(FaultPlan.none().failing("POST", "/clone$", 500));
    JsonObject op = failedCreate(user, ServersNode.game("refused"));
    assertThat(op.getString("phase")).isEqualTo("clone");
    assertThat(op.getString("reason")).contains("Proxmox refused the clone").contains("500");
    assertThat(node.sims().proxmox().cloneCount()).isEqualTo(clones);
    node.sims().proxmox().faults(FaultPlan.none());
    cleanUp(user, op.getString("serverId"));
  }

  @Test
  @DisplayName("a permanent Proxmox 500 (no free VMID) fails at once with Proxmox's reason, asked once")
  void permanentProxmoxRefusalFailsFast() throws Exception {
    String user = ServersNode.newUser();
    String nextid = "GET /api2/json/cluster/nextid";
    long before = node.sims().proxmox().requests().counts().getOrDefault(nextid, 0L);
    node.sims().proxmox().faults(FaultPlan.none()
        .failing("GET", "/cluster/nextid$", 500, "unable to get any free VMID in range [100, 1000000]"));
    JsonObject op = failedCreate(user, ServersNode.game("full"));
    assertThat(op.getString("phase")).isEqualTo("allocate-vmid");
    assertThat(op.getString("reason")).contains("unable to get any free VMID");
    assertThat(node.sims().proxmox().requests().counts().get(nextid) - before).as("nextid requests").isEqualTo(1);
    node.sims().proxmox().faults(FaultPlan.none());
    cleanUp(user, op.getString("serverId"));
  }

  @Test
  @DisplayName("Cloudflare's 429 is waited out for its Retry-After, without a request during the block")
  void dnsRateLimitIsWaitedOut() throws Exception {
    String user = ServersNode.newUser();
    node.sims().cloudflare().rateLimit(1200, Duration.ofMinutes(5), Duration.ofSeconds(1));
    try {
      int refusedBefore = node.sims().cloudflare().rateLimited();
      node.sims().cloudflare().exhaustBudget();
      JsonObject accepted = node.create(user, ServersNode.game("throttled"));
      JsonObject op = node.awaitFinished(user, accepted.getString("operationId"), 20);
      assertThat(op.getString("status")).as(op.encode()).isEqualTo("succeeded");
      assertThat(node.sims().cloudflare().rateLimited() - refusedBefore).as("requests refused with 429").isEqualTo(1);
      assertThat(node.sims().cloudflare().records()).anyMatch(r -> r.name().contains(".throttled-"));
    } finally {
      node.sims().cloudflare().rateLimit(0, Duration.ofMinutes(5), Duration.ofMinutes(5));
    }
  }

  @Test
  @DisplayName("a teardown whose SRV record is already gone (Cloudflare answers 400/1032 for its id) completes")
  void teardownOfAGoneRecordCompletes() throws Exception {
    String user = ServersNode.newUser();
    JsonObject server = node.ready(user, ServersNode.game("vanished"));
    String id = server.getString("serverId");
    var record = node.sims().cloudflare().records().stream().filter(r -> r.name().contains(".vanished-")).findFirst().orElseThrow();
    // deleted as a crashed earlier attempt (or an operator) would have: Cloudflare now answers its id 400/1032
    node.sims().cloudflare().removeRecord(record.id());
    node.operate(user, "POST", "/api/servers/" + id + "/host/stop");
    JsonObject op = node.operate(user, "DELETE", "/api/servers/" + id);
    assertThat(op.getString("status")).as(op.encode()).isEqualTo("succeeded");
  }

  @Test
  @DisplayName("a token that may not audit the container: delete fails with Proxmox's 403, never takes the container as gone")
  void deleteWithoutAuditPrivilegeFailsClearly() throws Exception {
    String user = ServersNode.newUser();
    JsonObject server = node.ready(user, ServersNode.dev("unseen", false));
    String id = server.getString("serverId");
    int vmid = server.getInteger("vmid");
    node.operate(user, "POST", "/api/servers/" + id + "/host/stop");
    Set<String> allButAudit = new HashSet<>(ProxmoxSimulator.PRIVILEGES);
    allButAudit.remove("VM.Audit");
    node.sims().proxmox().tokenPrivileges(Map.of("/", allButAudit));
    try {
      HttpResponse<String> r = node.send(user, "DELETE", "/api/servers/" + id, null);
      JsonObject op = node.awaitFinished(user, json(r).getString("operationId"), 20);
      assertThat(op.getString("status")).as(op.encode()).isEqualTo("failed");
      assertThat(op.getString("reason")).contains("403").contains("Permission check failed (/vms/" + vmid + ", VM.Audit)");
      assertThat(node.sims().proxmox().container(vmid)).as("the container is still there").isPresent();
    } finally {
      node.sims().proxmox().tokenPrivileges(null);
    }
    node.operate(user, "DELETE", "/api/servers/" + id);
    assertThat(node.sims().proxmox().container(vmid)).isEmpty();
  }

  @Test
  @DisplayName("a clone request without answer (timeout) is checked against the inventory, not repeated")
  void cloneUnanswered() throws Exception {
    String user = ServersNode.newUser();
    node.sims().proxmox().faults(FaultPlan.none().hanging("/clone$"));
    JsonObject op = failedCreate(user, ServersNode.game("silent"));
    assertThat(op.getString("phase")).isEqualTo("clone");
    assertThat(op.getString("reason")).contains("got no answer").contains("not in the inventory");
    node.sims().proxmox().faults(FaultPlan.none());
    cleanUp(user, op.getString("serverId"));
  }

  @Test
  @DisplayName("a clone task that fails: failed at await-clone with Proxmox's exit status")
  void cloneTaskFails() throws Exception {
    String user = ServersNode.newUser();
    node.sims().proxmox().faults(FaultPlan.none().failingTasks("vzclone", "clone failed: disk full"));
    JsonObject op = failedCreate(user, ServersNode.dev("diskfull", false));
    assertThat(op.getString("phase")).isEqualTo("await-clone");
    assertThat(op.getString("reason")).contains("clone failed: disk full");
    node.sims().proxmox().faults(FaultPlan.none());
    cleanUp(user, op.getString("serverId"));
  }

  @Test
  @DisplayName("'CT is locked' on the template is waited out, and the create resumes when the lock goes")
  void lockedTemplateIsWaitedOut() throws Exception {
    String user = ServersNode.newUser();
    node.sims().proxmox().holdLock(9000, "backup");
    JsonObject accepted;
    try {
      accepted = node.create(user, ServersNode.game("patient"));
      node.awaitOperation(user, accepted.getString("operationId"), o -> "clone".equals(o.getString("phase")), 10);
      Thread.sleep(300); // keep it locked through a few refused attempts
    } finally {
      node.sims().proxmox().releaseLock(9000);
    }
    JsonObject op = node.awaitFinished(user, accepted.getString("operationId"), 20);
    assertThat(op.getString("status")).as(op.encode()).isEqualTo("succeeded");
  }

  @Test
  @DisplayName("a template locked for longer than servers.stepRetryMs fails the create with the lock named")
  void lockedTooLongFails() throws Exception {
    String user = ServersNode.newUser();
    node.sims().proxmox().holdLock(9001, "backup");
    try {
      JsonObject op = failedCreate(user, ServersNode.dev("locked", false));
      assertThat(op.getString("reason")).contains("locked").contains("CT is locked (backup)");
      cleanUpLater(user, op.getString("serverId"));
    } finally {
      node.sims().proxmox().releaseLock(9001);
    }
  }

  private static String pendingCleanUpUser;
  private static String pendingCleanUpServer;

  private static void cleanUpLater(String user, String serverId) {
    pendingCleanUpUser = user;
    pendingCleanUpServer = serverId;
  }

  @AfterEach
  void cleanUpPending() throws Exception {
    if (pendingCleanUpServer != null) {
      cleanUp(pendingCleanUpUser, pendingCleanUpServer);
      pendingCleanUpServer = null;
    }
  }

  @Test
  @DisplayName("Cloudflare answering 503 for a moment is waited out")
  void dnsOutageIsWaitedOut() throws Exception {
    String user = ServersNode.newUser();
    node.sims().cloudflare().faults(FaultPlan.none().failing("/dns_records", 503));
    JsonObject accepted = node.create(user, ServersNode.game("flaky"));
    node.awaitOperation(user, accepted.getString("operationId"), o -> "publish-dns".equals(o.getString("phase")), 10);
    Thread.sleep(200);
    node.sims().cloudflare().faults(FaultPlan.none());
    JsonObject op = node.awaitFinished(user, accepted.getString("operationId"), 20);
    assertThat(op.getString("status")).as(op.encode()).isEqualTo("succeeded");
    assertThat(node.sims().cloudflare().records()).anyMatch(r -> r.name().contains(".flaky-"));
  }

  @Test
  @DisplayName("Cloudflare failing for good: failed at publish-dns with its answer; stop then delete leaves nothing")
  void dnsDownFails() throws Exception {
    String user = ServersNode.newUser();
    node.sims().cloudflare().faults(FaultPlan.none().failing("/dns_records", 500));
    JsonObject op = failedCreate(user, ServersNode.game("nodns"));
    assertThat(op.getString("phase")).isEqualTo("publish-dns");
    assertThat(op.getString("reason")).contains("cloudflare").contains("500");
    node.sims().cloudflare().faults(FaultPlan.none());
    cleanUp(user, op.getString("serverId"));
    assertThat(node.sims().cloudflare().records()).noneMatch(r -> r.name().contains(".nodns-"));
  }

  @Test
  @DisplayName("Velocity not answering: failed at register-velocity with a timeout reason")
  void velocityTimeoutFails() throws Exception {
    String user = ServersNode.newUser();
    node.sims().velocity().faults(FaultPlan.none().hanging("/servers"));
    JsonObject op = failedCreate(user, ServersNode.game("novelocity"));
    assertThat(op.getString("phase")).isEqualTo("register-velocity");
    assertThat(op.getString("reason")).contains("velocity").contains("timeout");
    node.sims().velocity().faults(FaultPlan.none());
    cleanUp(user, op.getString("serverId"));
    assertThat(node.sims().velocity().registrations()).noneMatch(r -> r.name().startsWith("novelocity-"));
  }

  @Test
  @DisplayName("a container that will not start: failed at start-container with the task's exit status")
  void startTaskFails() throws Exception {
    String user = ServersNode.newUser();
    node.sims().proxmox().faults(FaultPlan.none().failingTasks("vzstart", "startup for container '1' failed"));
    JsonObject op = failedCreate(user, ServersNode.dev("nostart", false));
    assertThat(op.getString("phase")).isEqualTo("start-container");
    assertThat(op.getString("reason")).contains("startup for container");
    node.sims().proxmox().faults(FaultPlan.none());
    cleanUp(user, op.getString("serverId"));
  }

  @Test
  @DisplayName("a host stop Proxmox keeps refusing fails with its reason; the host still counts as running, so delete stays refused")
  void hostStopFails() throws Exception {
    String user = ServersNode.newUser();
    JsonObject server = node.ready(user, ServersNode.dev("stubborn", false));
    String id = server.getString("serverId");
    node.sims().proxmox().faults(FaultPlan.none().failing("POST", "/status/shutdown$", 500));
    HttpResponse<String> r = node.send(user, "POST", "/api/servers/" + id + "/host/stop", null);
    JsonObject op = node.awaitFinished(user, json(r).getString("operationId"), 20);
    assertThat(op.getString("status")).isEqualTo("failed");
    assertThat(op.getString("reason")).contains("500");
    assertThat(node.send(user, "DELETE", "/api/servers/" + id, null).statusCode()).isEqualTo(409);
    node.sims().proxmox().faults(FaultPlan.none());
    cleanUp(user, id);
  }
}
