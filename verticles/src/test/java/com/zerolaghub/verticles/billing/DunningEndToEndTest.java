package com.zerolaghub.verticles.billing;

import com.zerolaghub.simulators.AgentSimulator;
import com.zerolaghub.simulators.StripeSimulator;
import com.zerolaghub.verticles.testing.WiredNode;
import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.events.Checkpoint;
import com.zerolaghub.events.RecordedEvent;
import com.zerolaghub.verticles.infra.SimulatedSystems;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The whole dunning cycle (R5.2, R5.3) on the node as {@code zlh run} wires it, against the
 * built-in simulators, through real HTTP, Stripe-signed webhooks and a console WebSocket, with
 * only the clock moved by hand. The escalation itself is the enforcement worker's own timer.
 */
class DunningEndToEndTest {
  static final Duration WARNING = Duration.ofHours(1);
  static final Duration FINAL_WARNING = Duration.ofHours(2);
  static final String PROBLEMS = "https://zerolaghub.com/problems/";

  final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  Vertx portal;
  WebSocketClient websockets;
  StripeSimulator stripe;
  WiredNode node;
  String token;

  @BeforeEach
  void start() throws Exception {
    portal = Vertx.vertx();
    websockets = portal.createWebSocketClient();
    stripe = new StripeSimulator(portal, WiredNode.STRIPE_KEY);
    stripe.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    node = WiredNode.start(clock, stripe.apiBase(), WARNING, FINAL_WARNING);
  }

  @AfterEach
  void stop() throws Exception {
    if (node != null) node.close();
    portal.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("warning, final warning (backup refused), suspended (host stopped in Proxmox, console 4409, create and start"
      + " refused), paid: good again, and no delete ever reaches a simulator")
  void aCustomerWhoStopsPayingIsSuspendedAndRestoredWithoutAnythingDeleted() throws Exception {
    // 1. A paying customer with a running game server.
    String[] signedUp = node.signUp();
    String account = signedUp[0];
    token = signedUp[1];
    HttpResponse<String> checkout = call("POST", "/api/billing/checkout", new JsonObject().put("plan", "pro"));
    assertThat(checkout.statusCode()).as(checkout.body()).isEqualTo(201);
    String session = new JsonObject(checkout.body()).getString("sessionId");
    assertThat(node.deliver(stripe.completeCheckout(session, now())).statusCode()).isEqualTo(200);
    String customer = stripe.session(session).getString("customer");
    JsonObject paying = billingStatus();
    assertThat(paying.getString("accountId")).isEqualTo(account);
    assertThat(paying.getString("plan")).isEqualTo("pro");
    assertThat(paying.getString("enforcement")).isEqualTo("good");

    String serverId = createAndAwait("survivor");
    JsonObject server = json(call("GET", "/api/servers/" + serverId, null));
    int vmid = server.getInteger("vmid");
    assertThat(server.getString("hostState")).isEqualTo("running");
    assertThat(node.containerStatus(vmid)).isEqualTo("running");
    SimulatedSystems sims = node.sims();
    AgentSimulator firstAgent = sims.proxmox().agent(vmid).orElseThrow();

    // 2. The customer watches the console.
    PortalConsole console = PortalConsole.open(portal, websockets, node.port(), serverId, token);
    console.await("connected", () -> console.states().contains("connected"));

    // 3. The renewal fails: warning, shown to the customer; backups still work.
    Instant invoiceCreated = clock.instant();
    assertThat(node.deliver(StripeEvents.paymentFailed("evt_fail", clock.instant(), "in_1", customer, invoiceCreated))
        .statusCode()).isEqualTo(200);
    awaitEnforcement("warning");
    JsonObject warning = billingStatus();
    assertThat(warning.getString("nextEscalationAt")).isEqualTo(clock.instant().plus(WARNING).toString());
    assertThat(warning.getJsonArray("outstandingInvoices")).containsExactly("in_1");
    assertThat(announcement().getString("severity")).isEqualTo("warning");
    assertThat(call("POST", "/api/servers/" + serverId + "/backups", null).statusCode()).isEqualTo(202);

    // 4. The grace ends: final warning; backups refused, the game keeps running.
    clock.advance(WARNING);
    awaitEnforcement("final_warning");
    assertThat(announcement().getString("message")).contains("backups are paused", "Nothing is deleted");
    assertRefused(call("POST", "/api/servers/" + serverId + "/backups", null), "billing-final-warning");
    assertThat(node.containerStatus(vmid)).isEqualTo("running");
    assertThat(console.closeCode).isNull();

    // 5. Still unpaid: suspended. Console closed 4409 first, then the host shut down in Proxmox.
    clock.advance(FINAL_WARNING);
    awaitEnforcement("suspended");
    console.await("close", () -> console.closeCode != null);
    assertThat(console.closeCode).isEqualTo((short) 4409);
    assertThat(console.statuses.get(console.statuses.size() - 1))
        .isEqualTo(new JsonObject().put("type", "status").put("state", "error").put("reason", "suspended"));
    awaitContainer(vmid, "stopped");
    assertThat(sims.proxmox().requests().counts())
        .containsKey("POST /api2/json/nodes/" + sims.proxmox().node() + "/lxc/" + vmid + "/status/shutdown");
    awaitServerHost(serverId, "stopped");
    assertRefused(call("POST", "/api/instances", gameServer("newcomer")), "billing-suspended");
    assertRefused(call("POST", "/api/servers/" + serverId + "/host/start", null), "billing-suspended");
    assertRefused(call("POST", "/api/servers/" + serverId + "/game/start", null), "billing-suspended");
    assertRefused(call("POST", "/api/servers/" + serverId + "/backups", null), "billing-suspended");
    PortalConsole refused = PortalConsole.open(portal, websockets, node.port(), serverId, token);
    refused.await("close", () -> refused.closeCode != null);
    assertThat(refused.closeCode).isEqualTo((short) 4409);
    assertThat(json(call("GET", "/api/servers/" + serverId, null)).getString("lifecycle")).isNotEqualTo("deleted");

    // 6. The invoice is paid: good. The host stays stopped until the customer starts it.
    assertThat(node.deliver(StripeEvents.invoicePaid("evt_paid", clock.instant(), "in_1", customer, invoiceCreated,
        clock.instant())).statusCode()).isEqualTo(200);
    awaitEnforcement("good");
    assertThat(json(call("GET", "/api/announcements", null)).getJsonArray("announcements")).isEmpty();
    assertThat(node.containerStatus(vmid)).isEqualTo("stopped");
    HttpResponse<String> start = call("POST", "/api/servers/" + serverId + "/host/start", null);
    assertThat(start.statusCode()).as(start.body()).isEqualTo(202);
    awaitOperation(json(start).getString("operationId"));
    assertThat(node.containerStatus(vmid)).isEqualTo("running");
    String second = createAndAwait("newcomer");
    AgentSimulator restartedAgent = sims.proxmox().agent(vmid).orElseThrow();

    // 7. Nothing was deleted anywhere, by anyone (the logs did see the platform's other calls).
    assertThat(sims.cloudflare().requests().withMethod("POST")).isNotEmpty();
    assertThat(sims.velocity().requests().withMethod("POST")).isNotEmpty();
    assertThat(firstAgent.requests().counts()).containsKey("GET /console");
    assertThat(sims.proxmox().requests().withMethod("DELETE")).isEmpty();
    assertThat(sims.cloudflare().requests().withMethod("DELETE")).isEmpty();
    assertThat(sims.velocity().requests().withMethod("DELETE")).isEmpty();
    for (AgentSimulator agent : List.of(firstAgent, restartedAgent,
        sims.proxmox().agent(vmidOf(second)).orElseThrow())) {
      assertThat(agent.requests().withMethod("DELETE")).isEmpty();
    }
    assertThat(stripe.requests()).noneMatch(r -> r.startsWith("DELETE"));
    assertThat(sims.proxmox().container(vmid)).isPresent();
    assertThat(sims.cloudflare().records()).hasSize(2);
    assertThat(sims.velocity().registrations()).hasSize(2);

    List<RecordedEvent> log = node.platform.context().store().readAfter(Checkpoint.START, 100_000)
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(log).extracting(RecordedEvent::type)
        .noneMatch(t -> t.contains("delete") || t.contains("destroy") || t.contains("teardown"));
    List<String> transitions = log.stream().filter(e -> e.type().equals("billing.enforcement-changed"))
        .map(e -> new JsonObject(e.payload()))
        .map(p -> p.getString("from") + ">" + p.getString("to") + " by " + p.getString("cause")).toList();
    assertThat(transitions).containsExactly("good>warning by stripe:evt_fail", "warning>final_warning by timer",
        "final_warning>suspended by timer", "suspended>good by stripe:evt_paid");
    assertThat(log).filteredOn(e -> e.type().equals("billing.hosts-shut-down")).singleElement()
        .satisfies(e -> assertThat(new JsonObject(e.payload()).getJsonArray("serverIds")).containsExactly(serverId));
  }

  private long now() {
    return clock.instant().getEpochSecond();
  }

  private HttpResponse<String> call(String method, String path, JsonObject body) throws Exception {
    return node.send(token, method, path, body);
  }

  private static JsonObject json(HttpResponse<String> r) {
    return new JsonObject(r.body());
  }

  private static JsonObject gameServer(String name) {
    return new JsonObject().put("type", "game").put("name", name).put("variant", "vanilla").put("plan", "game-4g");
  }

  private JsonObject billingStatus() throws Exception {
    HttpResponse<String> r = call("GET", "/api/billing/status", null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return json(r);
  }

  /** The one billing announcement the customer sees now. */
  private JsonObject announcement() throws Exception {
    List<Object> list = json(call("GET", "/api/announcements", null)).getJsonArray("announcements").getList();
    assertThat(list).hasSize(1);
    return JsonObject.mapFrom(list.get(0));
  }

  /** Waits until both the status (the log) and the announcements (the read model gates use) show the state. */
  private void awaitEnforcement(String state) throws Exception {
    eventually("enforcement " + state, () -> {
      if (!state.equals(billingStatus().getString("enforcement"))) return false;
      List<Object> shown = json(call("GET", "/api/announcements", null)).getJsonArray("announcements").getList();
      if (state.equals("good")) return shown.isEmpty();
      return shown.size() == 1 && JsonObject.mapFrom(shown.get(0)).getString("id").startsWith("billing-" + state + "-");
    });
  }

  private void awaitContainer(int vmid, String status) throws Exception {
    eventually("CT " + vmid + " " + status + " in Proxmox", () -> status.equals(node.containerStatus(vmid)));
  }

  private void awaitServerHost(String serverId, String hostState) throws Exception {
    eventually(serverId + " host " + hostState, () ->
        hostState.equals(json(call("GET", "/api/servers/" + serverId, null)).getString("hostState")));
  }

  private String createAndAwait(String name) throws Exception {
    HttpResponse<String> created = call("POST", "/api/instances", gameServer(name));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
    awaitOperation(json(created).getString("operationId"));
    return json(created).getString("serverId");
  }

  private void awaitOperation(String operationId) throws Exception {
    eventually("operation " + operationId + " succeeded", () -> {
      HttpResponse<String> r = call("GET", "/api/operations/" + operationId, null);
      if (r.statusCode() != 200) return false;
      String status = json(r).getString("status");
      if (status.equals("failed")) throw new AssertionError("operation failed: " + r.body());
      return status.equals("succeeded");
    });
  }

  private int vmidOf(String serverId) throws Exception {
    return json(call("GET", "/api/servers/" + serverId, null)).getInteger("vmid");
  }

  private static void assertRefused(HttpResponse<String> r, String problem) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    JsonObject body = new JsonObject(r.body());
    assertThat(body.getString("type")).isEqualTo(PROBLEMS + problem);
    assertThat(body.getString("detail")).contains("billing state");
  }

  interface Condition {
    boolean holds() throws Exception;
  }

  private static void eventually(String what, Condition condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (!condition.holds()) {
      if (System.nanoTime() > deadline) throw new AssertionError("not within 15 s: " + what);
      Thread.sleep(20);
    }
  }
}
