package com.zerolaghub.verticles.billing;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.events.Checkpoint;
import com.zerolaghub.events.RecordedEvent;
import com.zerolaghub.verticles.controller.ControllerCapability;
import com.zerolaghub.verticles.testing.WiredNode;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One rule for suspended accounts (docs/operations.md): billing stops every running host, dev
 * servers with code-server included, and the controller, which reports any running host of a
 * suspended account as drift, then finds nothing to report.
 */
class SuspendedDevServersTest {
  static final Duration WARNING = Duration.ofHours(1);
  static final Duration FINAL_WARNING = Duration.ofHours(2);

  final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  WiredNode node;
  String token;

  @BeforeEach
  void start() throws Exception {
    node = WiredNode.start(clock, "", WARNING, FINAL_WARNING);
  }

  @AfterEach
  void stop() throws Exception {
    if (node != null) node.close();
  }

  @Test
  void suspensionStopsDevHostsTooAndTheControllerFindsNoRunningSuspendedHost() throws Exception {
    String[] signedUp = node.signUp();
    String account = signedUp[0];
    token = signedUp[1];
    assertThat(node.deliver(StripeEvents.checkoutCompleted("evt_c", clock.instant(), account, "cus_d", "sub_d", "pro"))
        .statusCode()).isEqualTo(200);
    String dev = createAndAwait(new JsonObject().put("type", "dev").put("name", "ide").put("runtime", "node")
        .put("version", "22").put("codeServer", true).put("plan", "dev-8g"));
    String game = createAndAwait(new JsonObject().put("type", "game").put("name", "world").put("variant", "vanilla")
        .put("plan", "game-2g"));
    int devVmid = vmidOf(dev);
    int gameVmid = vmidOf(game);
    assertThat(node.containerStatus(devVmid)).isEqualTo("running");

    assertThat(node.deliver(StripeEvents.paymentFailed("evt_f", clock.instant(), "in_d", "cus_d", clock.instant()))
        .statusCode()).isEqualTo(200);
    awaitEnforcement("warning");
    clock.advance(WARNING);
    awaitEnforcement("final_warning");
    clock.advance(FINAL_WARNING);
    awaitEnforcement("suspended");

    eventually("the dev host stopped in Proxmox", () -> "stopped".equals(node.containerStatus(devVmid)));
    eventually("the game host stopped in Proxmox", () -> "stopped".equals(node.containerStatus(gameVmid)));
    eventually("both hosts recorded stopped", () -> "stopped".equals(server(dev).getString("hostState"))
        && "stopped".equals(server(game).getString("hostState")));
    assertThat(log()).filteredOn(e -> e.type().equals("billing.hosts-shut-down"))
        .flatExtracting(e -> new JsonObject(e.payload()).getJsonArray("serverIds").getList())
        .containsExactlyInAnyOrder(dev, game);

    ControllerCapability controller = node.capability(ControllerCapability.class);
    eventually("a controller leader", controller::leader);
    controller.passNow().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    assertThat(log()).filteredOn(e -> e.type().equals("drift.found"))
        .extracting(e -> new JsonObject(e.payload()).getString("kind"))
        .doesNotContain("running-while-suspended");
    assertThat(controller.board().current().openFindings()).noneMatch(f -> f.kind().equals("running-while-suspended"));
  }

  private JsonObject server(String id) throws Exception {
    return new JsonObject(node.send(token, "GET", "/api/servers/" + id, null).body());
  }

  private int vmidOf(String id) throws Exception {
    return server(id).getInteger("vmid");
  }

  private String createAndAwait(JsonObject body) throws Exception {
    HttpResponse<String> created = node.send(token, "POST", "/api/instances", body);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
    String operation = new JsonObject(created.body()).getString("operationId");
    eventually("operation " + operation + " succeeded", () -> {
      JsonObject op = new JsonObject(node.send(token, "GET", "/api/operations/" + operation, null).body());
      if ("failed".equals(op.getString("status"))) throw new AssertionError("operation failed: " + op);
      return "succeeded".equals(op.getString("status"));
    });
    return new JsonObject(created.body()).getString("serverId");
  }

  private void awaitEnforcement(String state) throws Exception {
    eventually("enforcement " + state, () -> state.equals(new JsonObject(
        node.send(token, "GET", "/api/billing/status", null).body()).getString("enforcement")));
  }

  private List<RecordedEvent> log() throws Exception {
    return node.platform.context().store().readAfter(Checkpoint.START, 100_000).toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  interface Condition {
    boolean holds() throws Exception;
  }

  private static void eventually(String what, Condition condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.holds()) {
      if (System.nanoTime() > deadline) throw new AssertionError("not within 20 s: " + what);
      Thread.sleep(20);
    }
  }
}
