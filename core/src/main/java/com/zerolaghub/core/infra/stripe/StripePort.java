package com.zerolaghub.core.infra.stripe;

import io.vertx.core.Future;

/** What the platform asks of Stripe. Failures are {@link StripeCallException}s naming why. */
public interface StripePort {

  /**
   * Opens a subscription Checkout Session for {@code plan} (price {@code price_<plan>}), carrying
   * the account id as client reference and metadata so the webhooks can name the account.
   *
   * @param email the customer's address to prefill, or null
   */
  Future<CheckoutSession> createCheckout(String accountId, String email, String plan);
}
