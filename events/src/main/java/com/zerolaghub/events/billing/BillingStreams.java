package com.zerolaghub.events.billing;

import com.zerolaghub.events.StreamId;

/** Names of the billing streams. */
public final class BillingStreams {
  public static final String BILLING = "billing";
  public static final String STRIPE_EVENT = "stripe-event";
  public static final String STRIPE_CUSTOMER = "stripe-customer";

  private BillingStreams() {}

  public static StreamId billing(String accountId) {
    return StreamId.of(BILLING, accountId);
  }

  public static StreamId stripeEvent(String eventId) {
    return StreamId.of(STRIPE_EVENT, eventId);
  }

  public static StreamId stripeCustomer(String customerId) {
    return StreamId.of(STRIPE_CUSTOMER, customerId);
  }
}
