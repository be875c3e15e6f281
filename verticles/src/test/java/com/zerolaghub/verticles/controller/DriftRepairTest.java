package com.zerolaghub.verticles.controller;

import static com.zerolaghub.verticles.servers.ServersNode.eventually;
import static com.zerolaghub.verticles.servers.ServersNode.game;
import static com.zerolaghub.verticles.servers.ServersNode.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.core.infra.agent.CrashClassification;
import com.zerolaghub.core.infra.proxmox.ContainerState;
import com.zerolaghub.core.servers.run.RunnerHooks;
import com.zerolaghub.events.impl.PgFences;
import com.zerolaghub.simulators.ProxmoxSimulator;
import com.zerolaghub.simulators.SimulatedDnsRecord;
import com.zerolaghub.verticles.servers.ServersNode;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The controller with level-1 repairs live, against the simulators. */
class DriftRepairTest {
  static final Stall stall = new Stall();
  static ControllerNode node;

  /** Crashes the operations worker once at an armed step, leaving its operation open with no one running it. */
  static final class Stall implements RunnerHooks {
    final AtomicReference<String> armed = new AtomicReference<>();

    @Override
    public void beforeAct(String serverId, String step) {
      if (armed.compareAndSet(step, null)) throw new Stalled();
    }
  }

  static final class Stalled extends Error {
    Stalled() {
      super("worker died here", null, false, false);
    }
  }

  @BeforeAll
  static void start() throws Exception {
    node = ControllerNode.start("live", 1_500, stall);
  }

  @AfterAll
  static void stop() throws Exception {
    if (node != null) node.close();
  }

  ServersNode servers() {
    return node.node;
  }

  String srvName(JsonObject server) {
    return "_minecraft._tcp." + server.getString("name") + "-" + server.getInteger("vmid") + ".";
  }

  List<SimulatedDnsRecord> srvRecordsOf(JsonObject server) {
    List<SimulatedDnsRecord> found = new ArrayList<>();
    for (SimulatedDnsRecord r : servers().sims().cloudflare().records()) {
      if (r.type().equals("SRV") && r.name().startsWith(srvName(server))) found.add(r);
    }
    return found;
  }

  @Test
  void aDeletedSrvRecordIsFoundAndRepublishedThroughProvisioningsOwnPath() throws Exception {
    String user = ServersNode.newUser();
    JsonObject server = servers().ready(user, game("srvgone"));
    String id = server.getString("serverId");
    SimulatedDnsRecord record = srvRecordsOf(server).get(0);
    // deleted through Cloudflare's API, as a careless operator would
    assertThat(servers().servers.serverPorts().runners().dns().deleteRecord(record.id()).toCompletionStage().toCompletableFuture()
        .get(5, TimeUnit.SECONDS)).isTrue();

    eventually("the SRV record is back", 15, () -> assertThat(srvRecordsOf(server)).hasSize(1));
    eventually("the finding is cleared", 15, () -> assertThat(node.open(id, "srv-missing")).isNull());
    List<JsonObject> repairs = node.repairsOf(id, "edge_republish");
    assertThat(repairs).singleElement().satisfies(r -> {
      assertThat(r.getString("status")).isEqualTo("succeeded");
      assertThat(r.getString("posture")).isEqualTo("live");
      assertThat(r.getInteger("level")).isEqualTo(1);
    });
    assertThat(node.clearedFindings().stream().map(o -> (JsonObject) o)
        .anyMatch(f -> f.getString("serverId").equals(id) && f.getString("kind").equals("srv-missing"))).isTrue();
    SimulatedDnsRecord restored = srvRecordsOf(server).get(0);
    assertThat(restored.id()).isNotEqualTo(record.id());
    assertThat(restored.content()).isEqualTo(record.content());
  }

  @Test
  void aRestartedVelocityEdgeGetsItsRegistrationsBack() throws Exception {
    String user = ServersNode.newUser();
    JsonObject server = servers().ready(user, game("velo"));
    String slug = server.getString("name") + "-" + server.getInteger("vmid");
    assertThat(servers().sims().velocity().registrations()).anyMatch(r -> r.name().equals(slug));

    servers().sims().velocity().restart();
    assertThat(servers().sims().velocity().registrations()).noneMatch(r -> r.name().equals(slug));

    eventually("re-registered", 15, () ->
        assertThat(servers().sims().velocity().registrations()).anyMatch(r -> r.name().equals(slug)));
    eventually("the repair is recorded as succeeded", 15, () ->
        assertThat(node.repairsOf(server.getString("serverId"), "edge_republish"))
            .anyMatch(r -> r.getString("status").equals("succeeded") && r.getString("detail").contains("Velocity")));
  }

  @Test
  void aHostJustStartedIsNotReportedStoppedFromTheLaggingInventory() throws Exception {
    String user = ServersNode.newUser();
    JsonObject server = servers().ready(user, game("lagged"));
    String id = server.getString("serverId");
    var proxmox = servers().sims().proxmox();
    servers().operate(user, "POST", "/api/servers/" + id + "/host/stop");
    proxmox.inventoryLag(Duration.ofSeconds(60)); // /cluster/resources keeps saying "stopped"
    try {
      servers().operate(user, "POST", "/api/servers/" + id + "/host/start");
      assertThat(state(server.getInteger("vmid"))).isEqualTo(ContainerState.RUNNING);
      String before = node.status().getJsonObject("lastPass").getString("startedAt");
      for (int i = 0; i < 3; i++) {
        String seen = node.status().getJsonObject("lastPass").getString("startedAt");
        eventually("another pass", 15, () -> assertThat(node.status().getJsonObject("lastPass").getString("startedAt"))
            .isGreaterThan(seen));
        assertThat(node.open(id, "container-stopped")).as("pass after " + before).isNull();
      }
    } finally {
      proxmox.inventoryLag(ProxmoxSimulator.DEFAULT_INVENTORY_LAG);
    }
  }

  @Test
  void aContainerTheTokenMayNotAuditIsNeverReportedMissing() throws Exception {
    String user = ServersNode.newUser();
    JsonObject server = servers().ready(user, game("hidden"));
    String id = server.getString("serverId");
    var proxmox = servers().sims().proxmox();
    Set<String> allButAudit = new HashSet<>(ProxmoxSimulator.PRIVILEGES);
    allButAudit.remove("VM.Audit");
    proxmox.tokenPrivileges(Map.of("/", allButAudit)); // /cluster/resources now leaves it out
    try {
      for (int i = 0; i < 3; i++) {
        String seen = node.status().getJsonObject("lastPass").getString("startedAt");
        eventually("another pass", 15, () -> assertThat(node.status().getJsonObject("lastPass").getString("startedAt"))
            .isGreaterThan(seen));
        assertThat(node.open(id, "container-missing")).isNull();
      }
    } finally {
      proxmox.tokenPrivileges(null);
    }
  }

  @Test
  void aSuspendedServerFoundRunningIsReportedAndNeverRepairedTowardRunning() throws Exception {
    String user = ServersNode.newUser();
    JsonObject server = servers().ready(user, game("susp"));
    String id = server.getString("serverId");
    int vmid = server.getInteger("vmid");
    node.suspended.add(user);
    try {
      eventually("reported", 15, () -> assertThat(node.open(id, "running-while-suspended")).isNotNull());
      // the repair is planned on its own stream after the finding: the read may come between
      eventually("planned", 15, () -> assertThat(node.repairsOf(id, "stop_suspended_host")).isNotEmpty());
      JsonObject repair = node.repairsOf(id, "stop_suspended_host").get(0);
      assertThat(repair.getString("posture")).isEqualTo("planned-only");
      assertThat(repair.getInteger("level")).isEqualTo(2);

      // stopped (as billing's enforcement would), it stays stopped: no finding asks for it to run
      servers().operate(user, "POST", "/api/servers/" + id + "/host/stop");
      eventually("the finding clears", 15, () -> assertThat(node.open(id, "running-while-suspended")).isNull());
      String before = node.status().getJsonObject("lastPass").getString("startedAt");
      eventually("two more passes", 15, () -> assertThat(node.status().getJsonObject("lastPass").getString("startedAt"))
          .isGreaterThan(before));
      assertThat(node.open(id, "container-stopped")).isNull();
      assertThat(state(vmid)).isEqualTo(ContainerState.STOPPED);
      assertThat(node.repairsOf(id, "stop_suspended_host")).allMatch(r -> r.getString("status").equals("planned"));
      assertThat(node.repairsOf(id, "start_host")).isEmpty();
    } finally {
      node.suspended.remove(user);
    }
  }

  @Test
  void aStuckOperationIsMarkedStaleAndTheServerTakesNewOperations() throws Exception {
    String user = ServersNode.newUser();
    JsonObject server = servers().ready(user, game("stuck"));
    String id = server.getString("serverId");
    stall.armed.set("stop-host");
    HttpResponse<String> stop = servers().send(user, "POST", "/api/servers/" + id + "/host/stop", null);
    assertThat(stop.statusCode()).isEqualTo(202);
    String operationId = json(stop).getString("operationId");
    try {
      JsonObject op = servers().awaitFinished(user, operationId, 20);
      assertThat(op.getString("status")).isEqualTo("failed");
      assertThat(op.getString("reason")).contains("stale").contains("clear_stale_operation_lock");
      eventually("the repair succeeded", 10, () -> assertThat(node.repairsOf(id, "clear_stale_operation_lock"))
          .singleElement().satisfies(r -> assertThat(r.getString("status")).isEqualTo("succeeded")));
    } finally {
      servers().servers.startNewWorker().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    // the lock is released: a new operation is taken and runs
    servers().operate(user, "POST", "/api/servers/" + id + "/host/stop");
  }

  @Test
  void aDeposedLeadersLateAppendIsRefusedByTheStore() throws Exception {
    eventually("this node leads", 10, () -> assertThat(node.controller.leader()).isTrue());
    // another leader took a newer token (this node has not noticed yet)
    long newer = new PgFences(servers().platform.context().pool()).advance(DriftPass.FENCE)
        .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    String user = ServersNode.newUser();
    JsonObject server = servers().ready(user, game("fenced"));
    String id = server.getString("serverId");
    servers().servers.serverPorts().runners().dns().deleteRecord(srvRecordsOf(server).get(0).id())
        .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);

    eventually("refused, re-elected, then recorded", 20, () -> {
      assertThat(node.status().getJsonObject("thisNode").getInteger("fencedOutPasses")).isPositive();
      assertThat(driftTokens(id + ":srv-missing")).isNotEmpty();
    });
    // nothing this node appended under its old token landed
    assertThat(driftTokens(id + ":srv-missing")).allMatch(token -> token > newer);
  }

  @Test
  void aRepairQueuedBeforeRedisIsFlushedStillRuns() throws Exception {
    String user = ServersNode.newUser();
    JsonObject server = servers().ready(user, game("flushed"));
    String id = server.getString("serverId");
    String slug = server.getString("name") + "-" + server.getInteger("vmid");
    // the consumer is kept away while the repair is planned and queued, then Redis loses everything
    node.controller.pauseRepairs(true);
    try {
      servers().sims().velocity().restart();
      eventually("planned", 10, () -> assertThat(node.repairsOf(id, "edge_republish")).isNotEmpty());
      flushAll();
    } finally {
      node.controller.pauseRepairs(false);
    }
    eventually("re-registered from the log's pending repair", 20, () ->
        assertThat(servers().sims().velocity().registrations()).anyMatch(r -> r.name().equals(slug)));
    eventually("recorded as succeeded", 10, () ->
        assertThat(node.repairsOf(id, "edge_republish")).allMatch(r -> r.getString("status").equals("succeeded")));
  }

  @Test
  void aSilentAgentAndACrashedGameAreReportedAndClearWhenTheyRecover() throws Exception {
    String user = ServersNode.newUser();
    JsonObject silent = servers().ready(user, game("silent"));
    JsonObject crashy = servers().ready(user, game("crashy"));
    var proxmox = servers().sims().proxmox();
    var silentAgent = proxmox.agent(silent.getInteger("vmid")).orElseThrow();
    silentAgent.stop().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    proxmox.agent(crashy.getInteger("vmid")).orElseThrow()
        .crashGame(CrashClassification.OOM, 137, null, List.of("java.lang.OutOfMemoryError"));

    eventually("both reported", 15, () -> {
      assertThat(node.open(silent.getString("serverId"), "agent-unreachable")).isNotNull();
      assertThat(node.open(crashy.getString("serverId"), "game-crashed")).isNotNull();
    });
    assertThat(node.repairsOf(silent.getString("serverId"), "restart_host")).singleElement()
        .satisfies(r -> assertThat(r.getString("posture")).isEqualTo("planned-only"));

    silentAgent.start().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    eventually("the agent's finding clears once it answers", 15, () ->
        assertThat(node.open(silent.getString("serverId"), "agent-unreachable")).isNull());
  }

  private void flushAll() throws Exception {
    Redis redis = servers().platform.context().redis();
    redis.send(Request.cmd(Command.FLUSHALL))
        .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private List<Long> driftTokens(String key) throws Exception {
    List<Long> tokens = new ArrayList<>();
    for (Row row : servers().platform.context().pool()
        .preparedQuery("SELECT (metadata->>'fencingToken')::bigint AS token FROM event_log WHERE stream_type = 'drift' AND stream_id = $1")
        .execute(Tuple.of(key)).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS)) {
      tokens.add(row.getLong("token"));
    }
    return tokens;
  }

  private ContainerState state(int vmid) throws Exception {
    return servers().servers.serverPorts().runners().proxmox().status(vmid).toCompletionStage().toCompletableFuture()
        .get(5, TimeUnit.SECONDS).state();
  }
}
