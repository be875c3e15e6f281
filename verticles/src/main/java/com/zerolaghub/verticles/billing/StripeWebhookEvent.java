package com.zerolaghub.verticles.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;

/**
 * The parts of a verified Stripe event the platform uses, read from the raw payload with
 * Jackson so an {@code api_version} other than stripe-java's still parses.
 */
record StripeWebhookEvent(String id, String type, String apiVersion, Instant created, JsonNode object) {
  private static final ObjectMapper JSON = new ObjectMapper();

  static StripeWebhookEvent parse(String payload) throws IOException {
    JsonNode root = JSON.readTree(payload);
    String id = text(root, "id");
    String type = text(root, "type");
    if (id == null || type == null) throw new IOException("a Stripe event has an id and a type");
    return new StripeWebhookEvent(id, type, text(root, "api_version"), epoch(root.get("created")),
        root.path("data").path("object"));
  }

  String objectText(String field) {
    return text(object, field);
  }

  /**
   * {@code metadata.<key>} of the object, or of its subscription details (invoices: under
   * {@code parent} since API version 2025-03-31.basil, at the top before).
   */
  String metadata(String key) {
    String direct = text(object.path("metadata"), key);
    if (direct != null) return direct;
    String basil = text(object.path("parent").path("subscription_details").path("metadata"), key);
    if (basil != null) return basil;
    return text(object.path("subscription_details").path("metadata"), key);
  }

  /** A whole-number field of the object (amounts in the currency's smallest unit), or null. */
  Long objectLong(String field) {
    JsonNode v = object == null ? null : object.get(field);
    return v == null || !v.canConvertToLong() ? null : v.asLong();
  }

  Instant objectTime(String... path) {
    JsonNode n = object;
    for (String p : path) n = n.path(p);
    return epoch(n);
  }

  static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null || v.isNull() || !v.isValueNode() ? null : v.asText();
  }

  static Instant epoch(JsonNode n) {
    return n == null || !n.canConvertToLong() ? null : Instant.ofEpochSecond(n.asLong());
  }
}
