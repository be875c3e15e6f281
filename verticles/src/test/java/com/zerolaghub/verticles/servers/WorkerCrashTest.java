package com.zerolaghub.verticles.servers;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.core.servers.ServerStreams;
import com.zerolaghub.events.RecordedEvent;
import com.zerolaghub.simulators.SimulatedContainer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("a worker killed at any step is replaced and every operation ends exactly once, with never a second container")
@Timeout(40)
class WorkerCrashTest {
  private static final KillSwitch kill = new KillSwitch();
  private static ServersNode node;

  @BeforeAll
  static void start() throws Exception {
    node = ServersNode.start(kill, c -> c);
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  static Stream<Arguments> provisioningPoints() {
    return Stream.of("allocate-vmid", "clone", "await-clone", "set-resources", "start-container", "await-agent",
            "push-config", "publish-dns", "register-velocity")
        .flatMap(step -> Stream.of(Arguments.of(step, true), Arguments.of(step, false)));
  }

  static Stream<Arguments> teardownPoints() {
    return Stream.of("deregister-velocity", "remove-dns", "destroy-container", "verify-gone")
        .flatMap(step -> Stream.of(Arguments.of(step, true), Arguments.of(step, false)));
  }

  private static List<String> types(String serverId) throws Exception {
    return node.platform.context().store().readStream(ServerStreams.server(serverId))
        .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS).stream().map(RecordedEvent::type).toList();
  }

  /** Waits for the kill, then starts a fresh worker instance, as a restarted node would. */
  private static void replaceKilledWorker() throws Exception {
    ServersNode.eventually("the worker is killed", 20, () -> assertThat(node.servers.worker().crashed()).isTrue());
    node.servers.startNewWorker().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @ParameterizedTest(name = "provisioning killed {0} ({1} = before the act)")
  @MethodSource("provisioningPoints")
  void provisioningResumes(String step, boolean before) throws Exception {
    node.awaitIdle();
    int clones = node.sims().proxmox().cloneCount();
    String user = ServersNode.newUser();
    String name = "k-" + step.replace("-", "") + (before ? "-b" : "-a");
    kill.arm(step, before);
    JsonObject accepted = node.create(user, ServersNode.game(name));
    replaceKilledWorker();

    JsonObject op = node.awaitFinished(user, accepted.getString("operationId"), 20);
    assertThat(op.getString("status")).as(op.encode()).isEqualTo("succeeded");
    List<String> events = types(accepted.getString("serverId"));
    assertThat(events.stream().filter("server.ready"::equals)).hasSize(1);
    assertThat(events).doesNotContain("server.provisioning-failed");
    List<SimulatedContainer> mine = node.sims().proxmox().containers().stream()
        .filter(c -> c.hostname() != null && c.hostname().startsWith(name + "-")).toList();
    assertThat(mine).hasSize(1);
    assertThat(node.sims().proxmox().cloneCount() - clones).as("clones").isEqualTo(1);
    assertThat(node.sims().velocity().registrations()).filteredOn(r -> r.name().startsWith(name + "-")).hasSize(1);
    assertThat(node.sims().cloudflare().records()).filteredOn(r -> r.name().contains("." + name + "-")).hasSize(1);
  }

  @ParameterizedTest(name = "teardown killed {0} ({1} = before the act)")
  @MethodSource("teardownPoints")
  void teardownResumes(String step, boolean before) throws Exception {
    String user = ServersNode.newUser();
    String name = "t-" + step.replace("-", "") + (before ? "-b" : "-a");
    JsonObject server = node.ready(user, ServersNode.game(name));
    String serverId = server.getString("serverId");
    int vmid = server.getInteger("vmid");
    node.operate(user, "POST", "/api/servers/" + serverId + "/host/stop");

    kill.arm(step, before);
    JsonObject accepted = ServersNode.json(node.send(user, "DELETE", "/api/servers/" + serverId, null));
    replaceKilledWorker();
    JsonObject op = node.awaitFinished(user, accepted.getString("operationId"), 20);
    assertThat(op.getString("status")).as(op.encode()).isEqualTo("succeeded");
    assertThat(types(serverId).stream().filter("server.deleted"::equals)).hasSize(1);
    assertThat(node.sims().proxmox().container(vmid)).isEmpty();
    assertThat(node.sims().velocity().registrations()).noneMatch(r -> r.name().equals(name + "-" + vmid));
    assertThat(node.sims().cloudflare().records()).noneMatch(r -> r.name().contains("." + name + "-" + vmid + "."));
  }

  @ParameterizedTest(name = "host stop killed {1} = before the act")
  @MethodSource("hostPoints")
  void hostActionResumes(String step, boolean before) throws Exception {
    String user = ServersNode.newUser();
    JsonObject server = node.ready(user, ServersNode.dev("h-" + (before ? "b" : "a"), false));
    String serverId = server.getString("serverId");
    kill.arm(step, before);
    JsonObject accepted = ServersNode.json(node.send(user, "POST", "/api/servers/" + serverId + "/host/restart", null));
    replaceKilledWorker();
    JsonObject op = node.awaitFinished(user, accepted.getString("operationId"), 20);
    assertThat(op.getString("status")).as(op.encode()).isEqualTo("succeeded");
    assertThat(types(serverId).stream().filter("server.host-action-completed"::equals)).hasSize(1);
    assertThat(node.sims().proxmox().container(server.getInteger("vmid"))).get().extracting(SimulatedContainer::running).isEqualTo(true);
  }

  static Stream<Arguments> hostPoints() {
    return Stream.of(Arguments.of("stop-host", true), Arguments.of("stop-host", false),
        Arguments.of("start-host", true), Arguments.of("start-host", false));
  }
}
