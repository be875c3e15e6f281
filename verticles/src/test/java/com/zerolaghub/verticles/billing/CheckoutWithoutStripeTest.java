package com.zerolaghub.verticles.billing;

import static com.zerolaghub.verticles.billing.BillingNode.START;
import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.events.testing.TestPostgres;
import com.zerolaghub.simulators.StripeSimulator;
import com.zerolaghub.verticles.config.BillingConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** A node with no Stripe key (and no simulator, as in proxmox mode) tells why checkout cannot start. */
class CheckoutWithoutStripeTest {
  @Test
  void checkoutWithoutAStripeKeyIsA503ProblemNamingTheSetting() throws Exception {
    BillingConfig noKey = BillingConfig.builder().stripeApiKey("").webhookSecret(BillingNode.SECRET).build();
    try (BillingNode node = BillingNode.startOutsideSimulatedMode(TestPostgres.freshDatabase(), new MutableClock(START),
        new RecordingPorts(), noKey)) {
      assertThat(node.billing.stripeSimulator()).isEmpty();
      HttpResponse<String> r = node.post("/api/billing/checkout", "u1", "{\"plan\":\"pro\"}");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
      assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("problem+json"));
      JsonObject problem = new JsonObject(r.body());
      assertThat(problem.getString("type")).isEqualTo("https://zerolaghub.com/problems/unavailable");
      assertThat(problem.getString("detail")).contains("billing.stripeApiKey", "ZLH_BILLING_STRIPE_API_KEY");
      assertThat(node.log()).isEmpty();
    }
  }

  @Test
  void aKeyStripeRefusesIsA503ProblemNamingTheSettingToo() throws Exception {
    Vertx vertx = Vertx.vertx();
    StripeSimulator stripe = new StripeSimulator(vertx, "sk_right");
    stripe.start().toCompletionStage().toCompletableFuture().get();
    try (BillingNode node = BillingNode.start(TestPostgres.freshDatabase(), new MutableClock(START), new RecordingPorts(),
        BillingConfig.builder().stripeApiKey("sk_wrong").stripeApiBase(stripe.apiBase())
            .webhookSecret(BillingNode.SECRET).build())) {
      HttpResponse<String> r = node.post("/api/billing/checkout", "u1", "{\"plan\":\"pro\"}");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
      assertThat(new JsonObject(r.body()).getString("detail")).contains("Stripe refused billing.stripeApiKey");
    } finally {
      vertx.close();
    }
  }
}
