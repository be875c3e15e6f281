package com.zerolaghub.core.billing;

import java.time.Instant;
import java.util.List;

/** What may happen to an account's billing. {@code now} is the injected clock's reading. */
public sealed interface BillingCommand {
  String accountId();

  record StartCheckout(String accountId, String plan, String sessionId, Instant now) implements BillingCommand {}

  record LinkCustomer(String accountId, String customerId, String subscriptionId, String plan, String cause,
                      Instant now) implements BillingCommand {}

  record RecordInvoicePaid(String accountId, String invoiceId, Instant invoiceCreated, Instant paidAt, String cause,
                           Instant now, Long amountPaid, String currency) implements BillingCommand {
    public RecordInvoicePaid(String accountId, String invoiceId, Instant invoiceCreated, Instant paidAt, String cause, Instant now) {
      this(accountId, invoiceId, invoiceCreated, paidAt, cause, now, null, null);
    }
  }

  record RecordPaymentFailed(String accountId, String invoiceId, Instant invoiceCreated, String cause, Instant now)
      implements BillingCommand {}

  record RecordSubscription(String accountId, String subscriptionId, String status, String plan, Instant observedAt,
                            String cause, Instant now) implements BillingCommand {}

  /** The timer: escalate if the current state's duration has run out. */
  record Escalate(String accountId, Instant now) implements BillingCommand {}

  /**
   * An administrator sets the standing by hand (suspended or good), with a reason; the event's
   * cause is {@code by hand: <reason>}. Nothing happens when the standing is already {@code to}.
   */
  record SetStandingByHand(String accountId, Enforcement to, String reason, Instant now) implements BillingCommand {}

  record RecordHostsShutDown(String accountId, List<String> serverIds, String cause, Instant now)
      implements BillingCommand {}
}
