package com.zerolaghub.core.infra.stripe;

/**
 * Access to Stripe's API.
 *
 * @param apiKey             secret API key; empty means no Stripe: checkout fails as not configured. Never logged
 * @param apiBase            API base URL; empty means Stripe's own ({@code https://api.stripe.com})
 * @param checkoutSuccessUrl where Checkout sends the customer after paying
 * @param checkoutCancelUrl  where Checkout sends the customer who gave up
 */
public record StripeOptions(String apiKey, String apiBase, String checkoutSuccessUrl, String checkoutCancelUrl) {
  public static final int CONNECT_TIMEOUT_MILLIS = 5_000;
  public static final int READ_TIMEOUT_MILLIS = 15_000;
  public static final int NETWORK_RETRIES = 1;

  public StripeOptions {
    apiKey = apiKey == null ? "" : apiKey;
    apiBase = apiBase == null ? "" : apiBase;
  }

  public boolean configured() {
    return !apiKey.isEmpty();
  }

  @Override
  public String toString() {
    return "StripeOptions[apiKey=" + (apiKey.isEmpty() ? "" : "***") + ", apiBase=" + apiBase + ", checkoutSuccessUrl="
        + checkoutSuccessUrl + ", checkoutCancelUrl=" + checkoutCancelUrl + "]";
  }
}
