package com.zerolaghub.verticles.servers;

import static com.zerolaghub.verticles.servers.ServersNode.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.core.instances.run.RunnerHooks;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The provisioning worker dies at every step — after the step's intent is recorded but before
 * it acts, and after it acted but before the outcome is recorded — and a fresh worker takes
 * over from the log. Every operation still ends exactly once, with exactly one container.
 */
class WorkerCrashTest {
  private static ServersNode node;
  private static volatile Kill kill;

  /** Where the next worker dies; fires once. */
  private record Kill(String phase, boolean afterAct, CountDownLatch fired) {}

  private static final class WorkerKilled extends RuntimeException {
    WorkerKilled(String where) {
      super("worker killed " + where, null, false, false);
    }
  }

  @BeforeAll
  static void start() throws Exception {
    node = ServersNode.start(new RunnerHooks() {
      @Override
      public void beforeAct(String serverId, String step) {
        maybeDie(step, false);
      }

      @Override
      public void afterAct(String serverId, String step) {
        maybeDie(step, true);
      }
    }, c -> c);
  }

  private static void maybeDie(String step, boolean afterAct) {
    Kill k = kill;
    if (k != null && k.phase().equals(step) && k.afterAct() == afterAct && k.fired().getCount() > 0) {
      kill = null;
      k.fired().countDown();
      throw new WorkerKilled((afterAct ? "after " : "before ") + step);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (node != null) node.close();
  }

  @ParameterizedTest(name = "killed {1} act of {0}")
  @CsvSource({
      "allocate-vmid, before", "allocate-vmid, after",
      "clone, before", "clone, after",
      "await-clone, before", "await-clone, after",
      "set-resources, before", "set-resources, after",
      "start-container, before", "start-container, after",
      "await-agent, before", "await-agent, after",
      "push-config, before", "push-config, after",
      "publish-dns, before", "publish-dns, after",
      "register-velocity, before", "register-velocity, after"})
  void anOperationEndsExactlyOnceWithOneContainerWhenTheWorkerDies(String phase, String when) throws Exception {
    node.awaitIdle();
    int clonesBefore = node.sims().proxmox().cloneCount();
    int containersBefore = node.sims().proxmox().containers().size();
    CountDownLatch fired = new CountDownLatch(1);
    kill = new Kill(phase, when.equals("after"), fired);

    String user = ServersNode.newUser();
    JsonObject accepted = node.create(user, ServersNode.game("c" + phase.replace("-", "")));
    assertThat(fired.await(20, TimeUnit.SECONDS)).as("the worker reached " + when + " " + phase).isTrue();
    // The dead worker's replacement: a new instance with its own lease, resuming from the log.
    node.servers.startNewWorker().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);

    JsonObject op = node.awaitFinished(user, accepted.getString("operationId"), 30);
    assertThat(op.getString("status")).as(op.encode()).isEqualTo("succeeded");
    String serverId = accepted.getString("serverId");
    assertThat(countEvents(serverId, "server.ready")).as("ready recorded once").isEqualTo(1);
    assertThat(node.sims().proxmox().cloneCount() - clonesBefore).as("clones for one operation").isEqualTo(1);
    assertThat(node.sims().proxmox().containers().size() - containersBefore).as("containers for one operation").isEqualTo(1);
    int vmid = json(node.get(user, "/api/servers/" + serverId)).getInteger("vmid");
    assertThat(node.sims().proxmox().container(vmid)).isPresent();
  }

  private static long countEvents(String serverId, String type) throws Exception {
    try (Connection c = node.database.jdbc(); PreparedStatement ps = c.prepareStatement(
        "SELECT count(*) FROM event_log WHERE stream_type = 'server' AND stream_id = ? AND event_type = ?")) {
      ps.setString(1, serverId);
      ps.setString(2, type);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
