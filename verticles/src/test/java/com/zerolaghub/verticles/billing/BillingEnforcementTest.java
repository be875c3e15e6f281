package com.zerolaghub.verticles.billing;

import static com.zerolaghub.verticles.billing.BillingNode.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zerolaghub.core.billing.BillingGate;
import com.zerolaghub.core.billing.DestructiveActionRequested;
import com.zerolaghub.core.billing.Enforcement;
import com.zerolaghub.core.billing.GatedAction;
import com.zerolaghub.core.command.Rejection;
import com.zerolaghub.events.RecordedEvent;
import com.zerolaghub.events.testing.TestPostgres;
import com.zerolaghub.events.testing.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BillingEnforcementTest {
  final MutableClock clock = new MutableClock(START);
  final RecordingPorts ports = new RecordingPorts();
  BillingNode node;

  @AfterEach
  void stop() throws Exception {
    if (node != null) node.close();
  }

  void awaitState(String account, Enforcement state) throws InterruptedException {
    BillingNode.eventually(account + " " + state, () -> node.billing.standings().of(account) == state);
  }

  @Test
  void aWholeDunningCycleOnAControlledClock() throws Exception {
    node = BillingNode.start(TestPostgres.freshDatabase(), clock, ports, BillingNode.config());
    ports.running("u1", "srv-a", "srv-b");
    node.deliver(StripeEvents.checkoutCompleted("evt_c", START, "u1", "cus_1", "sub_1", "pro"));
    node.deliver(StripeEvents.paymentFailed("evt_f", START.plusSeconds(5), "in_1", "cus_1", START));
    awaitState("u1", Enforcement.WARNING);
    JsonObject status = new JsonObject(node.get("/api/billing/status", "u1", false).body());
    assertThat(status.getString("nextEscalationAt")).isEqualTo(START.plus(Duration.ofDays(3)).toString());
    assertThat(node.billing.gate("u1", GatedAction.BACKUP)).isEmpty();
    assertThat(announcements("u1")).singleElement().satisfies(a -> assertThat(a.getString("severity")).isEqualTo("warning"));

    clock.advance(Duration.ofDays(3).minusSeconds(1));
    assertThat(node.await(node.billing.runEnforcementPass())).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    assertThat(node.await(node.billing.runEnforcementPass())).containsExactly("u1");
    awaitState("u1", Enforcement.FINAL_WARNING);
    assertThat(node.billing.gate("u1", GatedAction.BACKUP)).get().extracting(Rejection::code).isEqualTo(BillingGate.FINAL_WARNING_CODE);
    assertThat(node.billing.gate("u1", GatedAction.GAME_START)).isEmpty();
    assertThat(ports.calls).isEmpty();

    clock.advance(Duration.ofDays(4));
    node.await(node.billing.runEnforcementPass());
    awaitState("u1", Enforcement.SUSPENDED);
    assertThat(ports.calls).containsExactly("closeConsoles srv-a 4409", "shutDown srv-a billing:suspended",
        "closeConsoles srv-b 4409", "shutDown srv-b billing:suspended");
    for (GatedAction a : List.of(GatedAction.CREATE_SERVER, GatedAction.HOST_START, GatedAction.GAME_START, GatedAction.BACKUP)) {
      assertThat(node.billing.gate("u1", a)).get().satisfies(r -> {
        assertThat(r.code()).isEqualTo(BillingGate.SUSPENDED_CODE);
        assertThat(r.getMessage()).contains("suspended");
      });
    }
    assertThat(node.billing.gate("someone-else", GatedAction.CREATE_SERVER)).isEmpty();
    // A later pass finds nothing left running and records nothing more.
    int before = node.log().size();
    node.await(node.billing.runEnforcementPass());
    assertThat(node.log()).hasSize(before);

    node.deliver(StripeEvents.invoicePaid("evt_p", clock.instant(), "in_1", "cus_1", START, clock.instant()));
    awaitState("u1", Enforcement.GOOD);
    assertThat(node.billing.gate("u1", GatedAction.CREATE_SERVER)).isEmpty();
    assertThat(announcements("u1")).isEmpty();
    assertThat(ports.calls).hasSize(4); // hosts stay stopped: nothing restarts them

    List<String> transitions = node.log().stream().filter(e -> e.type().equals("billing.enforcement-changed"))
        .map(e -> new JsonObject(e.payload())).map(p -> p.getString("from") + ">" + p.getString("to") + " by " + p.getString("cause"))
        .toList();
    assertThat(transitions).containsExactly("good>warning by stripe:evt_f", "warning>final_warning by timer",
        "final_warning>suspended by timer", "suspended>good by stripe:evt_p");
    assertThat(node.log()).extracting(RecordedEvent::type).noneMatch(t -> t.contains("delete") || t.contains("destroy")
        || t.contains("removed"));
  }

  @Test
  void pendingEscalationsSurviveARestartAndAFlushedRedis() throws Exception {
    TestPostgres.Database db = TestPostgres.freshDatabase();
    node = BillingNode.start(db, clock, ports, BillingNode.config());
    node.deliver(StripeEvents.checkoutCompleted("evt_c", START, "u2", "cus_2", "sub_2", "pro"));
    node.deliver(StripeEvents.paymentFailed("evt_f", START, "in_2", "cus_2", START));
    awaitState("u2", Enforcement.WARNING);
    node.close();
    node = null;
    flushRedis();

    clock.advance(Duration.ofDays(8));
    node = BillingNode.start(db, clock, ports, BillingNode.config());
    awaitState("u2", Enforcement.WARNING);
    assertThat(node.await(node.billing.runEnforcementPass())).containsExactly("u2");
    awaitState("u2", Enforcement.SUSPENDED);
    List<JsonObject> steps = node.log().stream().filter(e -> e.type().equals("billing.enforcement-changed"))
        .map(e -> new JsonObject(e.payload())).toList();
    // Dated when each step fell due, not when the late pass ran.
    assertThat(steps).extracting(p -> p.getString("at")).containsExactly(START.toString(),
        START.plus(Duration.ofDays(3)).toString(), START.plus(Duration.ofDays(7)).toString());
  }

  @Test
  void aDestructiveActionWithABillingCauseIsRefusedAndAudited() throws Exception {
    node = BillingNode.start(TestPostgres.freshDatabase(), clock, ports, BillingNode.config());
    DestructiveActionRequested delete = new DestructiveActionRequested("u3", "delete-server", "server/srv-z", "billing:suspended");
    assertThatThrownBy(() -> node.await(node.billing.refuseIfBillingCause(delete)))
        .isInstanceOf(ExecutionException.class).cause().isInstanceOf(Rejection.class)
        .satisfies(e -> assertThat(((Rejection) e).kind()).isEqualTo(Rejection.Kind.FORBIDDEN));
    assertThat(node.log()).singleElement().satisfies(e -> {
      assertThat(e.type()).isEqualTo("billing.destructive-action-refused");
      assertThat(e.stream().toString()).isEqualTo("billing/u3");
      assertThat(e.payload()).contains("server/srv-z");
    });
    node.await(node.billing.refuseIfBillingCause(new DestructiveActionRequested("u3", "delete-server", "server/srv-z", "user:u3")));
    assertThat(node.log()).hasSize(1);
  }

  /** Billing's part of the customer's {@code /api/announcements} (support serves the merged list). */
  List<JsonObject> announcements(String user) throws Exception {
    return node.billing.announcements(user).stream().map(a -> new JsonObject().put("id", a.id()).put("kind", a.kind())
        .put("severity", a.severity()).put("message", a.message())).toList();
  }

  static void flushRedis() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Redis redis = Redis.createClient(vertx, TestRedis.uri());
      redis.send(Request.cmd(Command.FLUSHALL))
          .toCompletionStage().toCompletableFuture().get();
      redis.close();
    } finally {
      vertx.close();
    }
  }
}
