package com.zerolaghub.verticles.billing;

import static com.zerolaghub.verticles.billing.BillingNode.START;
import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.core.billing.Enforcement;
import com.zerolaghub.events.RecordedEvent;
import com.zerolaghub.events.testing.TestPostgres;
import com.zerolaghub.simulators.StripeSimulator;
import com.zerolaghub.simulators.StripeWebhookSigner;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StripeWebhookTest {
  BillingNode node;
  StripeSimulator stripe;

  @BeforeEach
  void start() throws Exception {
    Vertx vertx = Vertx.vertx();
    stripe = new StripeSimulator(vertx, "sk_test_sim");
    stripe.start().toCompletionStage().toCompletableFuture().get();
    node = BillingNode.start(TestPostgres.freshDatabase(), new MutableClock(START), new RecordingPorts(),
        BillingNode.config().toBuilder().stripeApiKey("sk_test_sim").stripeApiBase(stripe.apiBase())
            .webhookSecret(BillingNode.SECRET).build());
  }

  @AfterEach
  void stop() throws Exception {
    node.close();
    stripe.stop();
  }

  @Test
  void aReplayedEventAnswers200AndAppendsNothing() throws Exception {
    String payload = StripeEvents.checkoutCompleted("evt_1", START, "u1", "cus_1", "sub_1", "pro");
    HttpResponse<String> first = node.deliver(payload);
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(first.body()).getBoolean("duplicate")).isFalse();
    int logSize = node.log().size();
    assertThat(node.log()).extracting(RecordedEvent::type)
        .contains("billing.stripe-event-recorded", "billing.stripe-customer-claimed", "billing.customer-linked");

    HttpResponse<String> again = node.deliver(payload);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(again.body()).getBoolean("duplicate")).isTrue();
    assertThat(node.log()).hasSize(logSize);
  }

  @Test
  void wrongSignatureStaleTimestampOrMissingHeaderAre400Problems() throws Exception {
    String payload = StripeEvents.paymentFailed("evt_2", START, "in_1", "cus_1", START);
    long now = START.getEpochSecond();
    HttpResponse<String> wrong = node.webhook(payload, new StripeWebhookSigner("whsec_other").header(payload, now));
    HttpResponse<String> stale = node.webhook(payload, node.signer.header(payload, now - 301));
    HttpResponse<String> missing = node.webhook(payload, null);
    HttpResponse<String> tampered = node.webhook(payload.replace("in_1", "in_9"), node.signer.header(payload, now));
    HttpResponse<String> future = node.webhook(payload, node.signer.header(payload, now + 301));
    for (HttpResponse<String> r : List.of(wrong, stale, missing, tampered, future)) {
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("problem+json"));
      assertThat(new JsonObject(r.body()).getString("type")).endsWith("/stripe-signature");
    }
    assertThat(new JsonObject(missing.body()).getString("detail")).contains("missing Stripe-Signature");
    assertThat(new JsonObject(future.body()).getString("detail")).contains("in the future");
    assertThat(node.log()).isEmpty();
    assertThat(node.webhook(payload, node.signer.header(payload, now - 299)).statusCode()).isEqualTo(200);
  }

  @Test
  void invoicePaidArrivingBeforeItsPaymentFailedLeavesTheAccountGood() throws Exception {
    node.deliver(StripeEvents.checkoutCompleted("evt_c", START, "u1", "cus_1", "sub_1", "pro"));
    // Stripe: the failure (t+1 min) happened before the payment (t+1 h); delivery is reversed.
    node.deliver(StripeEvents.invoicePaid("evt_paid", START.plusSeconds(3600), "in_1", "cus_1", START, START.plusSeconds(3600)));
    node.deliver(StripeEvents.paymentFailed("evt_fail", START.plusSeconds(60), "in_1", "cus_1", START));
    JsonObject status = new JsonObject(node.get("/api/billing/status", "u1", false).body());
    assertThat(status.getString("enforcement")).isEqualTo("good");
    assertThat(status.getString("plan")).isEqualTo("pro");
    assertThat(node.log()).extracting(RecordedEvent::type).doesNotContain("billing.enforcement-changed");
  }

  @Test
  void unknownTypesAndOtherApiVersionsAreRecordedAndAcknowledged() throws Exception {
    String unknown = StripeEvents.event("evt_u", "customer.tax_id.created", START, new JsonObject().put("id", "txi_1"));
    assertThat(node.deliver(unknown).statusCode()).isEqualTo(200);
    node.deliver(StripeEvents.checkoutCompleted("evt_c", START, "u1", "cus_1", "sub_1", "pro"));
    String future = StripeEvents.event("evt_f", "invoice.payment_failed", START, new JsonObject().put("id", "in_5")
        .put("object", "invoice").put("customer", "cus_1").put("created", START.getEpochSecond())
        .put("some_new_field", new JsonObject().put("x", 1)), "2099-01-01.future");
    assertThat(node.deliver(future).statusCode()).isEqualTo(200);
    assertThat(node.log()).filteredOn(e -> e.type().equals("billing.stripe-event-recorded")).hasSize(3);
    BillingNode.eventually("warning", () -> node.billing.standings().of("u1") == Enforcement.WARNING);
  }

  @Test
  void checkoutCreatesAStripeSessionThroughTheApiBaseAndRecordsIt() throws Exception {
    HttpResponse<String> r = node.post("/api/billing/checkout", "u7", "{\"plan\":\"pro\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    JsonObject body = new JsonObject(r.body());
    assertThat(body.getString("url")).startsWith(stripe.apiBase() + "/checkout/pay/");
    JsonObject session = stripe.session(body.getString("sessionId"));
    assertThat(session.getString("client_reference_id")).isEqualTo("u7");
    assertThat(session.getJsonObject("metadata").getString("plan")).isEqualTo("pro");
    assertThat(node.log()).extracting(RecordedEvent::type).containsExactly("billing.checkout-started");
    assertThat(node.post("/api/billing/checkout", null, "{\"plan\":\"pro\"}").statusCode()).isEqualTo(401);

    // The customer pays: Stripe's completion event links the account to its customer.
    assertThat(node.deliver(stripe.completeCheckout(body.getString("sessionId"), START.getEpochSecond())).statusCode())
        .isEqualTo(200);
    JsonObject status = new JsonObject(node.get("/api/billing/status", "u7", false).body());
    assertThat(status.getString("plan")).isEqualTo("pro");
    assertThat(status.getString("enforcement")).isEqualTo("good");
  }
}
