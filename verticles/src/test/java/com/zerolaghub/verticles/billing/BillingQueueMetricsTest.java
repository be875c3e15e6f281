package com.zerolaghub.verticles.billing;

import static com.zerolaghub.verticles.billing.BillingNode.START;
import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.events.testing.TestPostgres;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The billing_enforcement queue the alerts watch: accounts whose dunning step fell due and was not taken yet. */
class BillingQueueMetricsTest {
  @Test
  void aDueEscalationIsQueuedWithItsAgeUntilTheWorkerTakesIt() throws Exception {
    MutableClock clock = new MutableClock(START);
    try (BillingNode node = BillingNode.start(TestPostgres.freshDatabase(), clock, new RecordingPorts(), BillingNode.config())) {
      assertThat(metrics(node)).containsPattern("(?m)^zlh_queue_depth\\{queue=\"billing_enforcement\"} 0\\.0$")
          .containsPattern("(?m)^zlh_queue_oldest_age_seconds\\{queue=\"billing_enforcement\"} 0\\.0$");
      node.deliver(StripeEvents.checkoutCompleted("evt_c", START, "u1", "cus_1", "sub_1", "pro"));
      node.deliver(StripeEvents.paymentFailed("evt_f", START, "in_1", "cus_1", START));
      BillingNode.eventually("warning", () -> node.billing.standings().of("u1").label().equals("warning"));

      clock.advance(Duration.ofDays(3).plusMinutes(10)); // the final warning fell due 10 minutes ago
      assertThat(metrics(node)).containsPattern("(?m)^zlh_queue_depth\\{queue=\"billing_enforcement\"} 1\\.0$")
          .containsPattern("(?m)^zlh_queue_oldest_age_seconds\\{queue=\"billing_enforcement\"} 600\\.0$");

      node.await(node.billing.runEnforcementPass());
      BillingNode.eventually("taken", () -> {
        try {
          return metrics(node).contains("zlh_queue_depth{queue=\"billing_enforcement\"} 0.0");
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
    }
  }

  private static String metrics(BillingNode node) throws Exception {
    return node.get("/metrics", null, false).body();
  }
}
