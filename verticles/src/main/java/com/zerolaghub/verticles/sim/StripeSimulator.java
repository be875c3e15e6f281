package com.zerolaghub.verticles.sim;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The slice of the Stripe API the platform calls, for stripe-java pointed here through its API
 * base ({@code billing.stripeApiBase}): {@code POST /v1/checkout/sessions}. Requires a bearer
 * API key like Stripe does; remembers sessions so tests can build their completion events.
 */
public final class StripeSimulator {
  private final Vertx vertx;
  private final String apiKey;
  private final AtomicLong ids = new AtomicLong();
  private final Map<String, JsonObject> sessions = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private HttpServer server;

  public StripeSimulator(Vertx vertx, String apiKey) {
    this.vertx = vertx;
    this.apiKey = apiKey;
  }

  public Future<Void> start() {
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create(false));
    router.post("/v1/checkout/sessions").handler(this::createSession);
    router.get("/v1/checkout/sessions/:id").handler(rc -> {
      if (!authorized(rc)) return;
      JsonObject s = sessions.get(rc.pathParam("id"));
      if (s == null) error(rc, 404, "resource_missing", "No such checkout.session");
      else rc.json(s);
    });
    router.route().handler(rc -> error(rc, 404, "resource_missing", "Unrecognized request URL"));
    return vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").map(s -> {
      server = s;
      return null;
    });
  }

  public Future<Void> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  public String apiBase() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** A session created through the API, as answered (Stripe's JSON). */
  public JsonObject session(String id) {
    return sessions.get(id);
  }

  /** Paths of every request received, in order. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  /**
   * The customer paid: marks the session complete with a new customer and subscription and
   * answers the {@code checkout.session.completed} event payload Stripe would deliver (sign it
   * with {@link StripeWebhookSigner} and post it to the webhook).
   */
  public String completeCheckout(String sessionId, long unixSeconds) {
    JsonObject session = sessions.get(sessionId);
    if (session == null) throw new IllegalArgumentException("no checkout session " + sessionId);
    long n = ids.incrementAndGet();
    session.put("customer", "cus_sim" + n).put("subscription", "sub_sim" + n).put("status", "complete")
        .put("payment_status", "paid");
    return event("checkout.session.completed", unixSeconds, session.copy());
  }

  /** An event envelope as Stripe sends it, around {@code object}. */
  public String event(String type, long unixSeconds, JsonObject object) {
    return new JsonObject().put("id", "evt_sim" + ids.incrementAndGet()).put("object", "event")
        .put("api_version", "2025-07-30.basil").put("created", unixSeconds).put("livemode", false)
        .put("type", type).put("data", new JsonObject().put("object", object)).encode();
  }

  private void createSession(RoutingContext rc) {
    requests.add("POST " + rc.request().path());
    if (!authorized(rc)) return;
    Map<String, String> form = form(rc.body().asString());
    long n = ids.incrementAndGet();
    String id = "cs_test_sim" + n;
    JsonObject metadata = new JsonObject();
    form.forEach((k, v) -> {
      if (k.startsWith("metadata[")) metadata.put(k.substring(9, k.length() - 1), v);
    });
    JsonObject session = new JsonObject()
        .put("id", id).put("object", "checkout.session").put("mode", form.getOrDefault("mode", "payment"))
        .put("client_reference_id", form.get("client_reference_id")).put("customer", null).put("subscription", null)
        .put("status", "open").put("payment_status", "unpaid").put("metadata", metadata)
        .put("success_url", form.get("success_url")).put("cancel_url", form.get("cancel_url"))
        .put("created", System.currentTimeMillis() / 1000).put("livemode", false)
        .put("url", apiBase() + "/checkout/pay/" + id);
    sessions.put(id, session);
    rc.json(session);
  }

  private boolean authorized(RoutingContext rc) {
    String header = rc.request().getHeader("Authorization");
    if (header != null && header.equals("Bearer " + apiKey)) return true;
    error(rc, 401, "invalid_api_key", "Invalid API Key provided");
    return false;
  }

  private static void error(RoutingContext rc, int status, String code, String message) {
    rc.response().setStatusCode(status).putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("error", new JsonObject().put("type", "invalid_request_error").put("code", code)
            .put("message", message)).encode());
  }

  private static Map<String, String> form(String body) {
    Map<String, String> out = new ConcurrentHashMap<>();
    if (body == null || body.isEmpty()) return out;
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq <= 0) continue;
      out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }
}
