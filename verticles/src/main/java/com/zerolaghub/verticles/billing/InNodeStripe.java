package com.zerolaghub.verticles.billing;

import com.zerolaghub.simulators.StripeSimulator;
import com.zerolaghub.verticles.config.BillingConfig;
import com.zerolaghub.verticles.config.PlatformConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stripe for a laptop: with {@code infra.mode=simulated} and no {@code billing.stripeApiKey}, the
 * node runs a {@link StripeSimulator} of its own, points stripe-java at it with a generated key,
 * and registers its own webhook endpoint there once it listens, so checkout, paying and the
 * signed webhooks work end to end with no real Stripe. Anything else is the configured Stripe.
 */
final class InNodeStripe {
  private static final Logger log = LoggerFactory.getLogger(InNodeStripe.class);

  private final StripeSimulator simulator;
  private final BillingConfig effective;

  private InNodeStripe(StripeSimulator simulator, BillingConfig effective) {
    this.simulator = simulator;
    this.effective = effective;
  }

  static boolean wanted(PlatformConfig config) {
    return config.infra().simulated() && config.billing().stripeApiKey().isEmpty();
  }

  /** Starts the simulator; the billing configuration then names its key, base and the webhook secret. */
  static Future<InNodeStripe> start(Vertx vertx, BillingConfig configured, Clock clock) {
    String key = "sk_test_sim_" + random();
    String secret = configured.webhookSecret().isEmpty() ? "whsec_sim_" + random() : configured.webhookSecret();
    StripeSimulator simulator = new StripeSimulator(vertx, key, 0, clock);
    return simulator.start().map(v -> {
      log.info("billing: no billing.stripeApiKey in simulated mode, Stripe simulator at {}", simulator.apiBase());
      return new InNodeStripe(simulator, configured.toBuilder().stripeApiKey(key).stripeApiBase(simulator.apiBase()).webhookSecret(secret).build());
    });
  }

  BillingConfig config() {
    return effective;
  }

  StripeSimulator simulator() {
    return simulator;
  }

  /** The node listens: Stripe (the simulator) now knows where to deliver events. */
  void serving(int httpPort) {
    simulator.addWebhookEndpoint("http://127.0.0.1:" + httpPort + StripeWebhookHandler.PATH, effective.webhookSecret());
  }

  Future<Void> stop() {
    return simulator.stop();
  }

  private static String random() {
    return UUID.randomUUID().toString().replace("-", "");
  }
}
