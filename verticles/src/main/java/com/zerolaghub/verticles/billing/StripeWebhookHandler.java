package com.zerolaghub.verticles.billing;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import com.zerolaghub.core.billing.BillingCommand;
import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.events.billing.StripeEventRecorded;
import com.zerolaghub.verticles.http.ProblemException;
import com.zerolaghub.verticles.http.ProblemType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;

/**
 * {@code POST /api/billing/webhook}: verifies the raw body's {@code Stripe-Signature}, records
 * the event id once and applies what it means to the account. A replay answers 200 and appends
 * nothing; unknown types are recorded and acknowledged.
 */
final class StripeWebhookHandler implements Handler<RoutingContext> {
  static final String PATH = "/api/billing/webhook";
  static final ProblemType BAD_SIGNATURE = new ProblemType("stripe-signature", "Webhook signature not valid", 400);

  private final BillingActions ledger;
  private final String secret;
  private final long toleranceSeconds;
  private final Clock clock;
  private final Counter received;
  private final Counter duplicates;

  StripeWebhookHandler(BillingActions ledger, String secret, long toleranceSeconds, Clock clock, MeterRegistry metrics) {
    this.ledger = ledger;
    this.secret = secret;
    this.toleranceSeconds = toleranceSeconds;
    this.clock = clock;
    this.received = metrics.counter("zlh_billing_webhooks_total", "outcome", "recorded");
    this.duplicates = metrics.counter("zlh_billing_webhooks_total", "outcome", "duplicate");
  }

  @Override
  public void handle(RoutingContext rc) {
    Buffer body = rc.body() == null ? null : rc.body().buffer();
    String payload = body == null ? "" : body.toString(StandardCharsets.UTF_8);
    String signature = rc.request().getHeader("Stripe-Signature");
    StripeWebhookEvent event;
    try {
      event = verify(payload, signature);
    } catch (ProblemException e) {
      rc.fail(e);
      return;
    }
    process(event).onSuccess(recorded -> {
      (recorded ? received : duplicates).increment();
      rc.json(new JsonObject().put("received", true).put("duplicate", !recorded));
    }).onFailure(rc::fail);
  }

  StripeWebhookEvent verify(String payload, String signature) {
    if (secret.isEmpty()) throw new ProblemException(ProblemType.UNAVAILABLE, "billing.webhookSecret is not configured");
    if (signature == null || signature.isBlank()) throw new ProblemException(BAD_SIGNATURE, "missing Stripe-Signature header");
    if (signedInTheFuture(signature)) {
      // stripe-java bounds only the age: a delivery dated ahead could be replayed for that long
      throw new ProblemException(BAD_SIGNATURE, "signature timestamp is more than " + toleranceSeconds + " s in the future");
    }
    try {
      Webhook.constructEvent(payload, signature, secret, toleranceSeconds, clock);
      return StripeWebhookEvent.parse(payload);
    } catch (SignatureVerificationException e) {
      throw new ProblemException(BAD_SIGNATURE, "signature verification failed: " + e.getMessage());
    } catch (RuntimeException | IOException e) { // stripe-java's Gson rejects a body that is not JSON
      throw new ProblemException(BAD_SIGNATURE, "signed payload is not a Stripe event");
    }
  }

  /** Whether the header's {@code t=} lies beyond the tolerance ahead of our clock (unparsable: left to stripe-java). */
  private boolean signedInTheFuture(String signature) {
    for (String part : signature.split(",")) {
      String p = part.strip();
      if (!p.startsWith("t=")) continue;
      try {
        return Long.parseLong(p.substring(2)) > clock.instant().getEpochSecond() + toleranceSeconds;
      } catch (NumberFormatException unreadable) {
        return false;
      }
    }
    return false;
  }

  Future<Boolean> process(StripeWebhookEvent e) {
    Instant now = clock.instant();
    return accountOf(e).compose(account -> {
      BillingCommand command = account == null ? null : command(e, account, now);
      String claim = "checkout.session.completed".equals(e.type()) && account != null ? e.objectText("customer") : null;
      StripeEventRecorded recorded = new StripeEventRecorded(e.id(), e.type(), e.apiVersion(), account,
          e.objectText("id"), e.created(), now);
      EventMetadata meta = EventMetadata.system("stripe").withCausation(e.id()).withCorrelation(e.id());
      return ledger.recordStripeEvent(recorded, command, claim, meta);
    });
  }

  private Future<String> accountOf(StripeWebhookEvent e) {
    if ("checkout.session.completed".equals(e.type())) {
      String ref = e.objectText("client_reference_id");
      return Future.succeededFuture(ref != null ? ref : e.metadata("accountId"));
    }
    String fromMetadata = e.metadata("accountId");
    String customer = e.objectText("customer");
    if (customer == null) return Future.succeededFuture(fromMetadata);
    return ledger.accountOfCustomer(customer).map(a -> a != null ? a : fromMetadata);
  }

  /** What the event means for the account; null for types the platform only records. */
  static BillingCommand command(StripeWebhookEvent e, String account, Instant now) {
    String cause = "stripe:" + e.id();
    String objectId = e.objectText("id");
    if (objectId == null) return null; // nothing to apply it to: recorded only
    switch (e.type()) {
      case "checkout.session.completed":
        String customer = e.objectText("customer");
        return customer == null ? null
            : new BillingCommand.LinkCustomer(account, customer, e.objectText("subscription"), e.metadata("plan"), cause, now);
      case "invoice.paid":
        Instant paidAt = e.objectTime("status_transitions", "paid_at");
        return new BillingCommand.RecordInvoicePaid(account, objectId, e.objectTime("created"),
            paidAt != null ? paidAt : e.created(), cause, now, e.objectLong("amount_paid"), e.objectText("currency"));
      case "invoice.payment_failed":
        return new BillingCommand.RecordPaymentFailed(account, objectId, e.objectTime("created"), cause, now);
      case "customer.subscription.created":
      case "customer.subscription.updated":
      case "customer.subscription.deleted":
        String status = "customer.subscription.deleted".equals(e.type()) ? "canceled" : e.objectText("status");
        return new BillingCommand.RecordSubscription(account, objectId, status, e.metadata("plan"),
            e.created() != null ? e.created() : now, cause, now);
      default:
        return null;
    }
  }
}
