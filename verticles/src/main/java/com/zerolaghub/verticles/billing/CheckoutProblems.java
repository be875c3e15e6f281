package com.zerolaghub.verticles.billing;

import com.zerolaghub.core.infra.stripe.StripeCallException;
import com.zerolaghub.verticles.http.ProblemException;
import com.zerolaghub.verticles.http.ProblemType;

/**
 * What the customer is told when checkout fails at Stripe: without an API key, or when Stripe
 * refuses the key or cannot be reached, a 503 problem naming the cause (the operator's to fix),
 * never an opaque 500.
 */
final class CheckoutProblems {
  /** Stripe answered, but refused the session (a price that does not exist, …). */
  static final ProblemType REFUSED = new ProblemType("payment-provider-refused", "The payment provider refused the request", 502);

  private CheckoutProblems() {}

  /** The problem for a failed checkout; anything but a Stripe call failure passes unchanged. */
  static Throwable of(Throwable err) {
    if (!(err instanceof StripeCallException e)) return err;
    return switch (e.reason()) {
      case NOT_CONFIGURED -> new ProblemException(ProblemType.UNAVAILABLE,
          "checkout is not available: billing.stripeApiKey (ZLH_BILLING_STRIPE_API_KEY) is not configured");
      case KEY_REFUSED -> new ProblemException(ProblemType.UNAVAILABLE,
          "checkout is not available: Stripe refused billing.stripeApiKey (ZLH_BILLING_STRIPE_API_KEY)");
      case UNREACHABLE -> new ProblemException(ProblemType.UNAVAILABLE, "checkout is not available: Stripe could not be reached");
      case REFUSED -> new ProblemException(REFUSED, "Stripe refused the checkout session: " + e.getMessage());
    };
  }
}
