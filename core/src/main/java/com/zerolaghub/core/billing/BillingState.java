package com.zerolaghub.core.billing;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An account's billing, folded from its {@code billing/<id>} stream.
 *
 * @param enforcement  current enforcement state
 * @param since        when it entered that state (null while never changed)
 * @param invoices     invoice id → what Stripe last said about it (paid wins over failed)
 * @param subscriptionObservedAt Stripe time of the newest subscription status applied
 */
public record BillingState(String accountId, String plan, String customerId, String subscriptionId,
                           String subscriptionStatus, Instant subscriptionObservedAt, Enforcement enforcement,
                           Instant since, Map<String, InvoiceStanding> invoices) {

  /** What is known about one invoice. */
  public record InvoiceStanding(Instant created, Instant paidAt, boolean failed) {
    public boolean paid() {
      return paidAt != null;
    }
  }

  public static BillingState initial() {
    return new BillingState(null, null, null, null, null, null, Enforcement.GOOD, null, Map.of());
  }

  /** Invoices that failed and are not (yet) paid. */
  public Set<String> outstandingInvoices() {
    Set<String> out = new TreeSet<>();
    invoices.forEach((id, s) -> {
      if (s.failed() && !s.paid()) out.add(id);
    });
    return out;
  }

  /** Stripe time of the newest paid invoice, or null. */
  public Instant lastPaidAt() {
    Instant last = null;
    for (InvoiceStanding s : invoices.values()) {
      if (s.paid() && (last == null || s.paidAt().isAfter(last))) last = s.paidAt();
    }
    return last;
  }

  BillingState withAccount(String id) {
    return new BillingState(id, plan, customerId, subscriptionId, subscriptionStatus, subscriptionObservedAt,
        enforcement, since, invoices);
  }

  BillingState withLink(String plan, String customerId, String subscriptionId) {
    return new BillingState(accountId, plan, customerId, subscriptionId, subscriptionStatus, subscriptionObservedAt,
        enforcement, since, invoices);
  }

  BillingState withSubscription(String status, String plan, Instant observedAt) {
    return new BillingState(accountId, plan, customerId, subscriptionId, status, observedAt, enforcement, since, invoices);
  }

  BillingState withEnforcement(Enforcement e, Instant at) {
    return new BillingState(accountId, plan, customerId, subscriptionId, subscriptionStatus, subscriptionObservedAt,
        e, at, invoices);
  }

  BillingState withInvoice(String id, InvoiceStanding s) {
    Map<String, InvoiceStanding> copy = new HashMap<>(invoices);
    copy.put(id, s);
    return new BillingState(accountId, plan, customerId, subscriptionId, subscriptionStatus, subscriptionObservedAt,
        enforcement, since, Map.copyOf(copy));
  }
}
