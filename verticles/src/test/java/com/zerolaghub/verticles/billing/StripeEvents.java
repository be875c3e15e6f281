package com.zerolaghub.verticles.billing;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** Stripe event payloads as Stripe sends them (only the fields the platform reads, plus a few). */
final class StripeEvents {
  static final String API_VERSION = "2025-07-30.basil";

  private StripeEvents() {}

  static String event(String id, String type, Instant created, JsonObject object) {
    return event(id, type, created, object, API_VERSION);
  }

  static String event(String id, String type, Instant created, JsonObject object, String apiVersion) {
    return new JsonObject().put("id", id).put("object", "event").put("api_version", apiVersion)
        .put("created", created.getEpochSecond()).put("livemode", false).put("pending_webhooks", 1)
        .put("type", type).put("data", new JsonObject().put("object", object)).encode();
  }

  static String checkoutCompleted(String id, Instant at, String account, String customer, String subscription, String plan) {
    return event(id, "checkout.session.completed", at, new JsonObject().put("id", "cs_test_" + id).put("object", "checkout.session")
        .put("client_reference_id", account).put("customer", customer).put("subscription", subscription)
        .put("mode", "subscription").put("status", "complete").put("metadata", new JsonObject().put("plan", plan)));
  }

  static String invoicePaid(String id, Instant at, String invoice, String customer, Instant invoiceCreated, Instant paidAt) {
    return event(id, "invoice.paid", at, new JsonObject().put("id", invoice).put("object", "invoice").put("customer", customer)
        .put("status", "paid").put("created", invoiceCreated.getEpochSecond())
        .put("status_transitions", new JsonObject().put("paid_at", paidAt.getEpochSecond())));
  }

  static String paymentFailed(String id, Instant at, String invoice, String customer, Instant invoiceCreated) {
    return event(id, "invoice.payment_failed", at, new JsonObject().put("id", invoice).put("object", "invoice")
        .put("customer", customer).put("status", "open").put("created", invoiceCreated.getEpochSecond())
        .put("attempt_count", 1).put("status_transitions", new JsonObject().putNull("paid_at")));
  }
}
