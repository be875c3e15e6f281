package com.zerolaghub.events.billing;

import com.zerolaghub.events.DomainEvent;
import com.zerolaghub.events.EventType;
import java.time.Instant;
import java.util.List;

/**
 * What happens to an account's billing, in stream {@code billing/<accountId>}. Every change
 * names its cause: a Stripe event id ({@code stripe:evt_…}), {@code timer}, or a user action.
 * Stripe timestamps ({@code created}, paid-at) are kept so that out-of-order webhooks are
 * resolved by the Stripe object's own times, never by arrival order.
 */
public sealed interface BillingEvent extends DomainEvent {
  String accountId();

  @EventType(name = "billing.checkout-started")
  record CheckoutStarted(String accountId, String plan, String sessionId, Instant at) implements BillingEvent {}

  /** The account ↔ Stripe customer/subscription link (from {@code checkout.session.completed}). */
  @EventType(name = "billing.customer-linked")
  record CustomerLinked(String accountId, String customerId, String subscriptionId, String plan, String cause,
                        Instant at) implements BillingEvent {}

  /**
   * An invoice reached {@code paid}; {@code paidAt} is Stripe's {@code status_transitions.paid_at};
   * {@code amountPaid} in the currency's smallest unit, as Stripe gives it (null in events recorded
   * before receipts existed).
   */
  @EventType(name = "billing.invoice-paid")
  record InvoicePaid(String accountId, String invoiceId, Instant invoiceCreated, Instant paidAt, String cause,
                     Instant at, Long amountPaid, String currency) implements BillingEvent {
    public InvoicePaid(String accountId, String invoiceId, Instant invoiceCreated, Instant paidAt, String cause, Instant at) {
      this(accountId, invoiceId, invoiceCreated, paidAt, cause, at, null, null);
    }
  }

  @EventType(name = "billing.invoice-payment-failed")
  record InvoicePaymentFailed(String accountId, String invoiceId, Instant invoiceCreated, String cause,
                              Instant at) implements BillingEvent {}

  /** Subscription status as of Stripe's event time {@code observedAt} (active, past_due, canceled, …). */
  @EventType(name = "billing.subscription-changed")
  record SubscriptionChanged(String accountId, String subscriptionId, String status, String plan,
                             Instant observedAt, String cause, Instant at) implements BillingEvent {}

  /** An enforcement transition: good, warning, final_warning, suspended. */
  @EventType(name = "billing.enforcement-changed")
  record EnforcementChanged(String accountId, String from, String to, String cause, Instant at)
      implements BillingEvent {}

  /** Suspension acted on these hosts, game or dev (shut down, consoles closed); nothing was deleted. */
  @EventType(name = "billing.hosts-shut-down")
  record HostsShutDown(String accountId, List<String> serverIds, String cause, Instant at) implements BillingEvent {}

  /** A destructive action with a billing cause reached the guard and was refused. */
  @EventType(name = "billing.destructive-action-refused")
  record DestructiveActionRefused(String accountId, String action, String target, String cause, Instant at)
      implements BillingEvent {}

  @SuppressWarnings("unchecked")
  Class<? extends DomainEvent>[] TYPES = new Class[] {
      CheckoutStarted.class, CustomerLinked.class, InvoicePaid.class, InvoicePaymentFailed.class,
      SubscriptionChanged.class, EnforcementChanged.class, HostsShutDown.class, DestructiveActionRefused.class,
      StripeEventRecorded.class, StripeCustomerClaimed.class
  };
}
