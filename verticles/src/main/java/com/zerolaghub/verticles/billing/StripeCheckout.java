package com.zerolaghub.verticles.billing;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.StripeException;
import com.stripe.model.checkout.Session;
import com.stripe.param.checkout.SessionCreateParams;
import com.zerolaghub.verticles.config.BillingConfig;
import com.zerolaghub.verticles.http.ProblemException;
import com.zerolaghub.verticles.http.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Creates Stripe Checkout Sessions through one {@link StripeClient} of its own (API key and
 * base per client, no global {@code Stripe.apiKey}), on a worker thread: stripe-java blocks.
 * Without an API key, or when Stripe refuses the key or cannot be reached, the customer gets a
 * 503 problem naming the cause (the operator's to fix), never an opaque 500.
 */
final class StripeCheckout {
  /** Stripe answered, but refused the session (a price that does not exist, …). */
  static final ProblemType REFUSED = new ProblemType("payment-provider-refused", "The payment provider refused the request", 502);

  private final Vertx vertx;
  private final StripeClient client;
  private final BillingConfig config;

  StripeCheckout(Vertx vertx, BillingConfig config) {
    this.vertx = vertx;
    this.config = config;
    if (config.stripeApiKey().isEmpty()) {
      this.client = null;
      return;
    }
    StripeClient.StripeClientBuilder builder = StripeClient.builder().setApiKey(config.stripeApiKey())
        .setConnectTimeout(5_000).setReadTimeout(15_000).setMaxNetworkRetries(1);
    if (!config.stripeApiBase().isEmpty()) builder.setApiBase(config.stripeApiBase());
    this.client = builder.build();
  }

  record Created(String sessionId, String url) {}

  Future<Created> create(String accountId, String email, String plan) {
    if (client == null) {
      return Future.failedFuture(new ProblemException(ProblemType.UNAVAILABLE,
          "checkout is not available: billing.stripeApiKey (ZLH_BILLING_STRIPE_API_KEY) is not configured"));
    }
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
      } catch (AuthenticationException e) {
        throw new ProblemException(ProblemType.UNAVAILABLE,
            "checkout is not available: Stripe refused billing.stripeApiKey (ZLH_BILLING_STRIPE_API_KEY)");
      } catch (ApiConnectionException e) {
        throw new ProblemException(ProblemType.UNAVAILABLE, "checkout is not available: Stripe could not be reached");
      } catch (StripeException e) {
        throw new ProblemException(REFUSED, "Stripe refused the checkout session: " + e.getMessage());
      }
    }, false);
  }
}
