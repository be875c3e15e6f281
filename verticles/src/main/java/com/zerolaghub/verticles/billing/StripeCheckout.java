package com.zerolaghub.verticles.billing;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.checkout.Session;
import com.stripe.param.checkout.SessionCreateParams;
import com.zerolaghub.verticles.config.BillingConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Creates Stripe Checkout Sessions through one {@link StripeClient} of its own (API key and
 * base per client, no global {@code Stripe.apiKey}), on a worker thread: stripe-java blocks.
 */
final class StripeCheckout {
  private final Vertx vertx;
  private final StripeClient client;
  private final BillingConfig config;

  StripeCheckout(Vertx vertx, BillingConfig config) {
    this.vertx = vertx;
    this.config = config;
    StripeClient.StripeClientBuilder builder = StripeClient.builder().setApiKey(config.stripeApiKey())
        .setConnectTimeout(5_000).setReadTimeout(15_000).setMaxNetworkRetries(1);
    if (!config.stripeApiBase().isEmpty()) builder.setApiBase(config.stripeApiBase());
    this.client = builder.build();
  }

  record Created(String sessionId, String url) {}

  Future<Created> create(String accountId, String email, String plan) {
    return vertx.executeBlocking(() -> {
      SessionCreateParams.Builder params = SessionCreateParams.builder()
          .setMode(SessionCreateParams.Mode.SUBSCRIPTION)
          .setClientReferenceId(accountId)
          .setSuccessUrl(config.checkoutSuccessUrl())
          .setCancelUrl(config.checkoutCancelUrl())
          .putMetadata("accountId", accountId)
          .putMetadata("plan", plan)
          .setSubscriptionData(SessionCreateParams.SubscriptionData.builder()
              .putMetadata("accountId", accountId).putMetadata("plan", plan).build())
          .addLineItem(SessionCreateParams.LineItem.builder().setPrice("price_" + plan).setQuantity(1L).build());
      if (email != null) params.setCustomerEmail(email);
      try {
        Session s = client.checkout().sessions().create(params.build());
        return new Created(s.getId(), s.getUrl());
      } catch (StripeException e) {
        throw new IllegalStateException("Stripe refused the checkout session: " + e.getMessage(), e);
      }
    }, false);
  }
}
