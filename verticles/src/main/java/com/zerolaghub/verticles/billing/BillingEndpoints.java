package com.zerolaghub.verticles.billing;

import com.zerolaghub.core.billing.BillingCommand;
import com.zerolaghub.core.billing.BillingState;
import com.zerolaghub.core.billing.Enforcement;
import com.zerolaghub.core.infra.stripe.StripePort;
import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.verticles.http.ApiRoutes;
import com.zerolaghub.verticles.http.Authentication;
import com.zerolaghub.verticles.http.RequestIds;
import com.zerolaghub.verticles.http.ValidatedRequests;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Billing's API operations: checkout (a Stripe Checkout Session, recorded on the account's
 * stream), the customer's billing status, and an administrator's standing by hand
 * ({@code POST /api/admin/accounts/{userId}/standing}).
 */
final class BillingEndpoints {
  private final BillingActions actions;
  private final StripePort stripe;
  private final Clock clock;

  BillingEndpoints(BillingActions actions, StripePort stripe, Clock clock) {
    this.actions = actions;
    this.stripe = stripe;
    this.clock = clock;
  }

  /** Stripe's webhook on its own path (signed by Stripe, no session), the rest as API operations. */
  void bind(ApiRoutes api, Authentication auth, StripeWebhookHandler webhook) {
    api.routes(router -> router.post(StripeWebhookHandler.PATH).handler(webhook));
    api.operation("startCheckout", auth.required(), this::startCheckout);
    api.operation("billingStatus", auth.required(), this::status);
    api.operation("setAccountStanding", auth.admin(), this::setStanding);
  }

  private void startCheckout(RoutingContext rc) {
    String account = Authentication.principal(rc).userId();
    String plan = ValidatedRequests.body(rc).getString("plan");
    stripe.createCheckout(account, null, plan)
        .recover(err -> Future.failedFuture(CheckoutProblems.of(err)))
        .compose(created -> actions.handle(new BillingCommand.StartCheckout(account, plan, created.sessionId(), clock.instant()),
            EventMetadata.system("user:" + account)).map(created))
        .onSuccess(created -> rc.response().setStatusCode(201).putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("sessionId", created.sessionId()).put("url", created.url()).encode()))
        .onFailure(rc::fail);
  }

  private void status(RoutingContext rc) {
    String account = Authentication.principal(rc).userId();
    actions.load(account).onSuccess(loaded -> {
      BillingState s = loaded.state();
      Instant next = actions.decider().nextEscalationAt(s);
      JsonObject body = new JsonObject().put("accountId", account).put("enforcement", s.enforcement().label())
          .put("outstandingInvoices", new JsonArray(List.copyOf(s.outstandingInvoices())));
      if (s.plan() != null) body.put("plan", s.plan());
      if (s.subscriptionStatus() != null) body.put("subscriptionStatus", s.subscriptionStatus());
      if (s.since() != null) body.put("since", s.since().toString());
      if (next != null) body.put("nextEscalationAt", next.toString());
      rc.json(body);
    }).onFailure(rc::fail);
  }

  private void setStanding(RoutingContext ctx) {
    String accountId = ValidatedRequests.pathParam(ctx, "userId");
    JsonObject body = ValidatedRequests.body(ctx);
    Enforcement to = "suspended".equals(body.getString("standing")) ? Enforcement.SUSPENDED : Enforcement.GOOD;
    actions.setStandingByHand(Authentication.principal(ctx), accountId, to, body.getString("reason").strip(), RequestIds.of(ctx))
        .onSuccess(r -> ctx.json(new JsonObject().put("userId", accountId).put("standing", r.state().enforcement().label())
            .put("changed", r.changed())))
        .onFailure(ctx::fail);
  }
}
