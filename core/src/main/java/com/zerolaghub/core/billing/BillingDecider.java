package com.zerolaghub.core.billing;

import com.zerolaghub.core.command.Decider;
import com.zerolaghub.core.command.Rejection;
import com.zerolaghub.events.billing.BillingEvent;
import com.zerolaghub.events.billing.BillingEvent.CheckoutStarted;
import com.zerolaghub.events.billing.BillingEvent.CustomerLinked;
import com.zerolaghub.events.billing.BillingEvent.DestructiveActionRefused;
import com.zerolaghub.events.billing.BillingEvent.EnforcementChanged;
import com.zerolaghub.events.billing.BillingEvent.HostsShutDown;
import com.zerolaghub.events.billing.BillingEvent.InvoicePaid;
import com.zerolaghub.events.billing.BillingEvent.InvoicePaymentFailed;
import com.zerolaghub.events.billing.BillingEvent.SubscriptionChanged;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Billing of one account. Out-of-order webhooks are resolved by Stripe's own facts: a paid
 * invoice stays paid whatever failure for it arrives later; a subscription status older than
 * the one applied, or than the newest payment, changes nothing. Dunning escalates only by
 * {@link BillingCommand.Escalate}, each step dated when it fell due so a late timer catches up
 * exactly.
 */
public final class BillingDecider implements Decider<BillingCommand, BillingState, BillingEvent> {
  public static final String TIMER = "timer";
  /** The cause of a standing an administrator set, followed by their reason. */
  public static final String BY_HAND = "by hand: ";
  private static final Set<String> DELINQUENT = Set.of("past_due", "unpaid");
  private static final Set<String> HEALTHY = Set.of("active", "trialing");

  private final EnforcementPolicy policy;

  public BillingDecider(EnforcementPolicy policy) {
    this.policy = policy;
  }

  public EnforcementPolicy policy() {
    return policy;
  }

  @Override
  public BillingState initialState() {
    return BillingState.initial();
  }

  @Override
  public List<BillingEvent> decide(BillingCommand command, BillingState s) {
    String id = command.accountId();
    List<BillingEvent> out = new ArrayList<>();
    if (command instanceof BillingCommand.StartCheckout c) {
      if (c.plan() == null || c.plan().isBlank()) throw new Rejection(Rejection.Kind.INVALID, "plan-required", "a plan is required");
      out.add(new CheckoutStarted(id, c.plan(), c.sessionId(), c.now()));
    } else if (command instanceof BillingCommand.LinkCustomer c) {
      boolean same = c.customerId().equals(s.customerId()) && Objects.equals(c.subscriptionId(), s.subscriptionId());
      if (!same) out.add(new CustomerLinked(id, c.customerId(), c.subscriptionId(), c.plan(), c.cause(), c.now()));
    } else if (command instanceof BillingCommand.RecordInvoicePaid c) {
      BillingState.InvoiceStanding known = s.invoices().get(c.invoiceId());
      if (known != null && known.paid()) return List.of();
      out.add(new InvoicePaid(id, c.invoiceId(), c.invoiceCreated(), c.paidAt(), c.cause(), c.now(), c.amountPaid(), c.currency()));
      BillingState after = evolve(s, out.get(0));
      if (s.enforcement() != Enforcement.GOOD && after.outstandingInvoices().isEmpty()) {
        out.add(new EnforcementChanged(id, s.enforcement().label(), Enforcement.GOOD.label(), c.cause(), c.now()));
      }
    } else if (command instanceof BillingCommand.RecordPaymentFailed c) {
      BillingState.InvoiceStanding known = s.invoices().get(c.invoiceId());
      // Paid is final for an invoice; a repeated failure (a retry) must not restart dunning.
      if (known != null && (known.paid() || known.failed())) return List.of();
      out.add(new InvoicePaymentFailed(id, c.invoiceId(), c.invoiceCreated(), c.cause(), c.now()));
      if (s.enforcement() == Enforcement.GOOD) {
        out.add(new EnforcementChanged(id, Enforcement.GOOD.label(), Enforcement.WARNING.label(), c.cause(), c.now()));
      }
    } else if (command instanceof BillingCommand.RecordSubscription c) {
      if (s.subscriptionObservedAt() != null && !c.observedAt().isAfter(s.subscriptionObservedAt())) return List.of();
      out.add(new SubscriptionChanged(id, c.subscriptionId(), c.status(), c.plan(), c.observedAt(), c.cause(), c.now()));
      Instant lastPaid = s.lastPaidAt();
      boolean newerThanPayments = lastPaid == null || c.observedAt().isAfter(lastPaid);
      if (DELINQUENT.contains(c.status()) && s.enforcement() == Enforcement.GOOD && newerThanPayments) {
        out.add(new EnforcementChanged(id, Enforcement.GOOD.label(), Enforcement.WARNING.label(), c.cause(), c.now()));
      } else if (HEALTHY.contains(c.status()) && s.enforcement() != Enforcement.GOOD && s.outstandingInvoices().isEmpty()) {
        out.add(new EnforcementChanged(id, s.enforcement().label(), Enforcement.GOOD.label(), c.cause(), c.now()));
      }
    } else if (command instanceof BillingCommand.Escalate c) {
      BillingState cur = s;
      Instant due = nextEscalationAt(cur);
      while (due != null && !due.isAfter(c.now())) {
        Enforcement next = cur.enforcement() == Enforcement.WARNING ? Enforcement.FINAL_WARNING : Enforcement.SUSPENDED;
        EnforcementChanged e = new EnforcementChanged(id, cur.enforcement().label(), next.label(), TIMER, due);
        out.add(e);
        cur = evolve(cur, e);
        due = nextEscalationAt(cur);
      }
    } else if (command instanceof BillingCommand.SetStandingByHand c) {
      if (s.enforcement() != c.to()) {
        out.add(new EnforcementChanged(id, s.enforcement().label(), c.to().label(), BY_HAND + c.reason(), c.now()));
      }
    } else if (command instanceof BillingCommand.RecordHostsShutDown c) {
      if (!c.serverIds().isEmpty()) out.add(new HostsShutDown(id, List.copyOf(c.serverIds()), c.cause(), c.now()));
    }
    return out;
  }

  /** When the timer escalates this state next, or null if it never does (good, suspended). */
  public Instant nextEscalationAt(BillingState s) {
    if (s.since() == null) return null;
    switch (s.enforcement()) {
      case WARNING: return s.since().plus(policy.warning());
      case FINAL_WARNING: return s.since().plus(policy.finalWarning());
      default: return null;
    }
  }

  @Override
  public BillingState evolve(BillingState s, BillingEvent e) {
    BillingState st = s.accountId() == null ? s.withAccount(e.accountId()) : s;
    if (e instanceof CustomerLinked c) return st.withLink(c.plan(), c.customerId(), c.subscriptionId());
    if (e instanceof InvoicePaid p) {
      BillingState.InvoiceStanding prev = st.invoices().get(p.invoiceId());
      return st.withInvoice(p.invoiceId(), new BillingState.InvoiceStanding(p.invoiceCreated(), p.paidAt(),
          prev != null && prev.failed()));
    }
    if (e instanceof InvoicePaymentFailed f) {
      BillingState.InvoiceStanding prev = st.invoices().get(f.invoiceId());
      return st.withInvoice(f.invoiceId(), new BillingState.InvoiceStanding(f.invoiceCreated(),
          prev == null ? null : prev.paidAt(), true));
    }
    if (e instanceof SubscriptionChanged c) {
      return st.withSubscription(c.status(), c.plan() != null ? c.plan() : st.plan(), c.observedAt());
    }
    if (e instanceof EnforcementChanged c) return st.withEnforcement(Enforcement.fromLabel(c.to()), c.at());
    if (e instanceof CheckoutStarted || e instanceof HostsShutDown || e instanceof DestructiveActionRefused) return st;
    return st;
  }
}
