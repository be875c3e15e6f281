package com.zerolaghub.simulators;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The slice of Stripe's API the platform uses, for stripe-java pointed here through its API base
 * ({@code billing.stripeApiBase}), following Stripe's API reference: Checkout Sessions (create,
 * retrieve), customers, subscriptions and invoices (retrieve), events (retrieve, list) and
 * webhook endpoints (create, list; the answer carries the signing secret). Requests need the
 * API key (bearer, or basic-auth user as in Stripe's curl examples); a repeated
 * {@code Idempotency-Key} gets the first answer again.
 *
 * <p>A session's {@code url} is a pay page: {@code GET} shows it, {@code POST} pays (as
 * {@link #pay} does): the session completes with a new customer, an active subscription and a
 * paid invoice, and {@code checkout.session.completed}, {@code customer.subscription.created}
 * and {@code invoice.paid} are delivered, signed, to every webhook endpoint, one after the
 * other. {@code /sim/…} routes (and {@link #failRenewal}, {@link #payInvoice}, {@link #cancel})
 * play the rest of a subscription's life.
 */
public final class StripeSimulator {
  /** The API version events are stamped with (stripe-java 29's). */
  public static final String API_VERSION = "2025-07-30.basil";

  /** A webhook endpoint: where events go, the secret they are signed with, and which types it wants ({@code *}: all). */
  public record WebhookEndpoint(String id, String url, String secret, List<String> enabledEvents) {
    public WebhookEndpoint {
      enabledEvents = List.copyOf(enabledEvents);
    }

    boolean wants(String type) {
      return enabledEvents.contains("*") || enabledEvents.contains(type);
    }
  }

  private final Vertx vertx;
  private final String apiKey;
  private final int port;
  private final Clock clock;
  private final AtomicLong ids = new AtomicLong();
  private final Map<String, JsonObject> sessions = new ConcurrentHashMap<>();
  private final Map<String, JsonObject> customers = new ConcurrentHashMap<>();
  private final Map<String, JsonObject> subscriptions = new ConcurrentHashMap<>();
  private final Map<String, JsonObject> invoices = new ConcurrentHashMap<>();
  private final List<JsonObject> events = new CopyOnWriteArrayList<>();
  private final List<WebhookEndpoint> endpoints = new CopyOnWriteArrayList<>();
  private final Map<String, JsonObject> idempotent = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private StripeWebhookDeliveries deliveries;
  private HttpServer server;

  public StripeSimulator(Vertx vertx, String apiKey) {
    this(vertx, apiKey, 0, Clock.systemUTC());
  }

  /** On {@code port} (0: a free one), stamping objects, events and signatures with {@code clock}. */
  public StripeSimulator(Vertx vertx, String apiKey, int port, Clock clock) {
    this.vertx = vertx;
    this.apiKey = apiKey;
    this.port = port;
    this.clock = clock;
  }

  public Future<Void> start() {
    deliveries = new StripeWebhookDeliveries(vertx, clock);
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create(false));
    router.post("/v1/checkout/sessions").handler(rc -> create(rc, this::createSession));
    router.get("/v1/checkout/sessions/:id").handler(rc -> retrieve(rc, sessions, "checkout.session"));
    router.post("/v1/customers").handler(rc -> create(rc, this::createCustomer));
    router.get("/v1/customers/:id").handler(rc -> retrieve(rc, customers, "customer"));
    router.get("/v1/subscriptions/:id").handler(rc -> retrieve(rc, subscriptions, "subscription"));
    router.get("/v1/invoices/:id").handler(rc -> retrieve(rc, invoices, "invoice"));
    router.get("/v1/events/:id").handler(this::retrieveEvent);
    router.get("/v1/events").handler(this::listEvents);
    router.post("/v1/webhook_endpoints").handler(rc -> create(rc, this::createEndpoint));
    router.get("/v1/webhook_endpoints").handler(this::listEndpoints);
    router.get("/checkout/pay/:id").handler(this::payPage);
    router.post("/checkout/pay/:id").handler(this::payFromPage);
    router.post("/sim/subscriptions/:id/fail-payment").handler(rc -> control(rc, () -> failRenewal(rc.pathParam("id"))));
    router.post("/sim/subscriptions/:id/cancel").handler(rc -> control(rc, () -> cancel(rc.pathParam("id"))));
    router.post("/sim/invoices/:id/pay").handler(rc -> control(rc, () -> payInvoice(rc.pathParam("id"))));
    router.route().handler(rc -> error(rc, 404, "resource_missing", "Unrecognized request URL (" + rc.request().method()
        + ": " + rc.request().path() + ")"));
    return vertx.createHttpServer().requestHandler(router).listen(port, "127.0.0.1").map(s -> {
      server = s;
      return null;
    });
  }

  public Future<Void> stop() {
    if (deliveries != null) deliveries.close();
    return server == null ? Future.succeededFuture() : server.close();
  }

  public String apiBase() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  public String apiKey() {
    return apiKey;
  }

  /** Registers a webhook endpoint, as {@code POST /v1/webhook_endpoints} does; answers its id. */
  public WebhookEndpoint addWebhookEndpoint(String url, String secret) {
    return addWebhookEndpoint(url, secret, List.of("*"));
  }

  private WebhookEndpoint addWebhookEndpoint(String url, String secret, List<String> enabledEvents) {
    WebhookEndpoint endpoint = new WebhookEndpoint("we_sim" + ids.incrementAndGet(), url, secret, enabledEvents);
    endpoints.add(endpoint);
    return endpoint;
  }

  public List<WebhookEndpoint> webhookEndpoints() {
    return List.copyOf(endpoints);
  }

  /** A session created through the API, as it stands now (Stripe's JSON). */
  public JsonObject session(String id) {
    return sessions.get(id);
  }

  public JsonObject subscription(String id) {
    return subscriptions.get(id);
  }

  /** Every event created, oldest first. */
  public List<JsonObject> events() {
    return List.copyOf(events);
  }

  /** Every webhook delivery attempt, in order. */
  public List<StripeWebhookDeliveries.Attempt> deliveryAttempts() {
    return deliveries.attempts();
  }

  /** Method and path of every API request received, in order. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  /**
   * The customer paid on the session's page: the session completes with a new customer, an
   * active subscription and its paid first invoice, and the events are delivered in order.
   * Answers the ids of the events created.
   */
  public Future<List<String>> pay(String sessionId) {
    List<JsonObject> created;
    synchronized (this) {
      JsonObject session = sessions.get(sessionId);
      if (session == null) return Future.failedFuture(new IllegalArgumentException("no checkout session " + sessionId));
      if (!"open".equals(session.getString("status"))) {
        return Future.failedFuture(new IllegalStateException("checkout session " + sessionId + " is " + session.getString("status")));
      }
      long now = now();
      JsonObject existing = session.getString("customer") == null ? null : customers.get(session.getString("customer"));
      JsonObject customer = existing != null ? existing : customer(session.getString("customer_email"), new JsonObject());
      String plan = session.getJsonObject("metadata").getString("plan", "standard");
      JsonObject subscription = new JsonObject().put("id", "sub_sim" + ids.incrementAndGet()).put("object", "subscription")
          .put("customer", customer.getString("id")).put("status", "active").put("created", now).put("livemode", false)
          .put("metadata", session.getJsonObject("subscription_metadata", new JsonObject()).copy())
          .put("items", new JsonObject().put("object", "list").put("data", new JsonArray().add(new JsonObject()
              .put("object", "subscription_item").put("price", new JsonObject().put("id", "price_" + plan)
                  .put("unit_amount", amountOf(plan)).put("currency", "usd"))
              .put("current_period_start", now).put("current_period_end", now + 30 * 86_400L))));
      subscriptions.put(subscription.getString("id"), subscription);
      JsonObject invoice = invoice(subscription, "subscription_create");
      markPaid(invoice, now);
      subscription.put("latest_invoice", invoice.getString("id"));
      session.put("customer", customer.getString("id")).put("subscription", subscription.getString("id"))
          .put("status", "complete").put("payment_status", "paid").put("amount_total", amountOf(plan))
          .put("customer_details", new JsonObject().put("email", customer.getString("email")));
      List<JsonObject> in = new ArrayList<>();
      if (existing == null) in.add(event("customer.created", customer));
      in.add(event("checkout.session.completed", session));
      in.add(event("customer.subscription.created", subscription));
      in.add(event("invoice.paid", invoice));
      created = in;
    }
    return deliverInOrder(created);
  }

  /** The next renewal's payment fails: an open invoice, {@code invoice.payment_failed}, the subscription past due. */
  public Future<List<String>> failRenewal(String subscriptionId) {
    List<JsonObject> created;
    synchronized (this) {
      JsonObject subscription = subscriptions.get(subscriptionId);
      if (subscription == null) return Future.failedFuture(new IllegalArgumentException("no subscription " + subscriptionId));
      JsonObject invoice = invoice(subscription, "subscription_cycle");
      invoice.put("attempt_count", 1).put("attempted", true);
      subscription.put("status", "past_due").put("latest_invoice", invoice.getString("id"));
      created = List.of(event("invoice.payment_failed", invoice), event("customer.subscription.updated", subscription));
    }
    return deliverInOrder(created);
  }

  /** An open invoice is paid (a retry succeeded): {@code invoice.paid}, the subscription active again. */
  public Future<List<String>> payInvoice(String invoiceId) {
    List<JsonObject> created;
    synchronized (this) {
      JsonObject invoice = invoices.get(invoiceId);
      if (invoice == null) return Future.failedFuture(new IllegalArgumentException("no invoice " + invoiceId));
      markPaid(invoice, now());
      String subscriptionId = invoice.getJsonObject("parent").getJsonObject("subscription_details").getString("subscription");
      JsonObject subscription = subscriptions.get(subscriptionId);
      subscription.put("status", "active");
      created = List.of(event("invoice.paid", invoice), event("customer.subscription.updated", subscription));
    }
    return deliverInOrder(created);
  }

  /** The subscription ends: {@code customer.subscription.deleted}. */
  public Future<List<String>> cancel(String subscriptionId) {
    JsonObject event;
    synchronized (this) {
      JsonObject subscription = subscriptions.get(subscriptionId);
      if (subscription == null) return Future.failedFuture(new IllegalArgumentException("no subscription " + subscriptionId));
      subscription.put("status", "canceled").put("canceled_at", now()).put("ended_at", now());
      event = event("customer.subscription.deleted", subscription);
    }
    return deliverInOrder(List.of(event));
  }

  /**
   * Marks the session paid with a new customer and subscription and answers the
   * {@code checkout.session.completed} payload without delivering it (tests sign and post it).
   */
  public String completeCheckout(String sessionId, long unixSeconds) {
    JsonObject session = sessions.get(sessionId);
    if (session == null) throw new IllegalArgumentException("no checkout session " + sessionId);
    long n = ids.incrementAndGet();
    session.put("customer", "cus_sim" + n).put("subscription", "sub_sim" + n).put("status", "complete")
        .put("payment_status", "paid");
    return event("checkout.session.completed", unixSeconds, session.copy());
  }

  /** An event envelope as Stripe sends it, around {@code object} (not stored, not delivered). */
  public String event(String type, long unixSeconds, JsonObject object) {
    return envelope("evt_sim" + ids.incrementAndGet(), type, unixSeconds, object).encode();
  }

  // --- API ---------------------------------------------------------------------------------

  /** A POST that creates: authorized, form-decoded, and answered again for a repeated Idempotency-Key. */
  private void create(RoutingContext rc, Function<Map<String, String>, JsonObject> creator) {
    requests.add("POST " + rc.request().path());
    if (!authorized(rc)) return;
    String key = rc.request().getHeader("Idempotency-Key");
    String remembered = key == null ? null : rc.request().path() + " " + key;
    JsonObject answer = remembered == null ? null : idempotent.get(remembered);
    if (answer == null) {
      answer = creator.apply(form(rc.body().asString()));
      if (remembered != null) idempotent.put(remembered, answer);
    }
    rc.response().putHeader("Request-Id", "req_sim" + ids.incrementAndGet());
    rc.json(answer);
  }

  private void retrieve(RoutingContext rc, Map<String, JsonObject> objects, String kind) {
    requests.add("GET " + rc.request().path());
    if (!authorized(rc)) return;
    JsonObject o = objects.get(rc.pathParam("id"));
    if (o == null) error(rc, 404, "resource_missing", "No such " + kind + ": '" + rc.pathParam("id") + "'");
    else rc.json(o);
  }

  private JsonObject createSession(Map<String, String> form) {
    String id = "cs_test_sim" + ids.incrementAndGet();
    JsonObject session = new JsonObject()
        .put("id", id).put("object", "checkout.session").put("mode", form.getOrDefault("mode", "payment"))
        .put("client_reference_id", form.get("client_reference_id")).put("customer", form.get("customer"))
        .put("customer_email", form.get("customer_email")).put("subscription", null)
        .put("status", "open").put("payment_status", "unpaid").put("metadata", nested(form, "metadata"))
        .put("success_url", form.get("success_url")).put("cancel_url", form.get("cancel_url"))
        .put("currency", "usd").put("created", now()).put("expires_at", now() + 86_400).put("livemode", false)
        .put("url", apiBase() + "/checkout/pay/" + id);
    // not part of Stripe's session object: kept for the subscription the payment creates
    session.put("subscription_metadata", nested(form, "subscription_data[metadata]"));
    sessions.put(id, session);
    return session;
  }

  private JsonObject createCustomer(Map<String, String> form) {
    return customer(form.get("email"), nested(form, "metadata"));
  }

  private JsonObject createEndpoint(Map<String, String> form) {
    String url = form.get("url");
    List<String> enabled = new ArrayList<>();
    form.forEach((k, v) -> {
      if (k.startsWith("enabled_events[")) enabled.add(v);
    });
    if (enabled.isEmpty()) enabled.add("*");
    WebhookEndpoint endpoint = addWebhookEndpoint(url, "whsec_sim" + UUID.randomUUID().toString().replace("-", ""),
        enabled);
    return new JsonObject().put("id", endpoint.id()).put("object", "webhook_endpoint").put("url", url)
        .put("enabled_events", new JsonArray(enabled)).put("status", "enabled")
        .put("api_version", API_VERSION).put("created", now()).put("livemode", false).put("secret", endpoint.secret());
  }

  private void listEndpoints(RoutingContext rc) {
    requests.add("GET " + rc.request().path());
    if (!authorized(rc)) return;
    JsonArray data = new JsonArray();
    for (WebhookEndpoint e : endpoints) {
      data.add(new JsonObject().put("id", e.id()).put("object", "webhook_endpoint").put("url", e.url())
          .put("enabled_events", new JsonArray(e.enabledEvents())).put("status", "enabled"));
    }
    rc.json(list("/v1/webhook_endpoints", data, false));
  }

  private void retrieveEvent(RoutingContext rc) {
    requests.add("GET " + rc.request().path());
    if (!authorized(rc)) return;
    String id = rc.pathParam("id");
    events.stream().filter(e -> e.getString("id").equals(id)).findFirst()
        .ifPresentOrElse(rc::json, () -> error(rc, 404, "resource_missing", "No such event: '" + id + "'"));
  }

  private void listEvents(RoutingContext rc) {
    requests.add("GET " + rc.request().path());
    if (!authorized(rc)) return;
    int limit = 10;
    try {
      String l = rc.request().getParam("limit");
      if (l != null) limit = Math.max(1, Math.min(100, Integer.parseInt(l)));
    } catch (NumberFormatException e) {
      error(rc, 400, "parameter_invalid_integer", "Invalid integer: " + rc.request().getParam("limit"));
      return;
    }
    String type = rc.request().getParam("type");
    List<JsonObject> newestFirst = new ArrayList<>(events);
    Collections.reverse(newestFirst);
    JsonArray data = new JsonArray();
    int matching = 0;
    for (JsonObject e : newestFirst) {
      if (type != null && !type.equals(e.getString("type"))) continue;
      if (matching++ < limit) data.add(e);
    }
    rc.json(list("/v1/events", data, matching > limit));
  }

  // --- pay page and controls -----------------------------------------------------------------

  private void payPage(RoutingContext rc) {
    JsonObject session = sessions.get(rc.pathParam("id"));
    if (session == null) {
      rc.response().setStatusCode(404).putHeader("Content-Type", "text/plain").end("no such checkout session\n");
      return;
    }
    String plan = escape(session.getJsonObject("metadata").getString("plan", ""));
    String state = escape(session.getString("status"));
    rc.response().putHeader("Content-Type", "text/html; charset=utf-8").end("<!doctype html><html><head><meta charset=\"utf-8\">"
        + "<title>Stripe simulator: checkout</title></head><body><h1>Checkout (simulated Stripe)</h1>"
        + "<p>Plan <b>" + plan + "</b>, session " + escape(session.getString("id")) + " (" + state + ").</p>"
        + ("open".equals(session.getString("status"))
            ? "<form method=\"post\"><button type=\"submit\">Pay</button></form>" : "<p>Already paid.</p>")
        + "</body></html>");
  }

  /** The pay button: pays, waits for the deliveries, then sends the browser to the success URL as Stripe does. */
  private void payFromPage(RoutingContext rc) {
    String id = rc.pathParam("id");
    pay(id).onSuccess(created -> {
      String success = sessions.get(id).getString("success_url");
      if (success == null) {
        rc.json(new JsonObject().put("paid", id).put("events", new JsonArray(created)));
      } else {
        rc.response().setStatusCode(303).putHeader("Location", success.replace("{CHECKOUT_SESSION_ID}", id)).end();
      }
    }).onFailure(err -> error(rc, err instanceof IllegalArgumentException ? 404 : 400, "checkout_unavailable", err.getMessage()));
  }

  private void control(RoutingContext rc, Supplier<Future<List<String>>> action) {
    action.get().onSuccess(created -> rc.json(new JsonObject().put("events", new JsonArray(created))))
        .onFailure(err -> error(rc, err instanceof IllegalArgumentException ? 404 : 400, "resource_missing", err.getMessage()));
  }

  // --- objects and events --------------------------------------------------------------------

  private JsonObject customer(String email, JsonObject metadata) {
    JsonObject customer = new JsonObject().put("id", "cus_sim" + ids.incrementAndGet()).put("object", "customer")
        .put("email", email).put("metadata", metadata).put("created", now()).put("livemode", false);
    customers.put(customer.getString("id"), customer);
    return customer;
  }

  private JsonObject invoice(JsonObject subscription, String reason) {
    JsonObject price = subscription.getJsonObject("items").getJsonArray("data").getJsonObject(0).getJsonObject("price");
    long amount = price.getLong("unit_amount");
    JsonObject invoice = new JsonObject().put("id", "in_sim" + ids.incrementAndGet()).put("object", "invoice")
        .put("customer", subscription.getString("customer")).put("status", "open").put("billing_reason", reason)
        .put("amount_due", amount).put("amount_paid", 0).put("amount_remaining", amount).put("currency", "usd")
        .put("created", now()).put("livemode", false).put("attempt_count", 0).put("attempted", false)
        .put("status_transitions", new JsonObject().put("finalized_at", now()).put("paid_at", null))
        // API 2025-03-31.basil and later: the subscription and its metadata sit under parent
        .put("parent", new JsonObject().put("type", "subscription_details").put("subscription_details",
            new JsonObject().put("subscription", subscription.getString("id"))
                .put("metadata", subscription.getJsonObject("metadata").copy())));
    invoices.put(invoice.getString("id"), invoice);
    return invoice;
  }

  private static void markPaid(JsonObject invoice, long at) {
    invoice.put("status", "paid").put("amount_paid", invoice.getLong("amount_due")).put("amount_remaining", 0)
        .put("attempted", true).put("attempt_count", Math.max(1, invoice.getInteger("attempt_count")))
        .getJsonObject("status_transitions").put("paid_at", at);
  }

  /** Creates and stores an event around a snapshot of {@code object}. */
  private JsonObject event(String type, JsonObject object) {
    JsonObject snapshot = object.copy();
    snapshot.remove("subscription_metadata");
    JsonObject e = envelope("evt_sim" + ids.incrementAndGet(), type, now(), snapshot)
        .put("pending_webhooks", endpoints.stream().filter(w -> w.wants(type)).count());
    events.add(e);
    return e;
  }

  private static JsonObject envelope(String id, String type, long created, JsonObject object) {
    return new JsonObject().put("id", id).put("object", "event").put("api_version", API_VERSION).put("created", created)
        .put("livemode", false).put("type", type).put("data", new JsonObject().put("object", object))
        .put("request", new JsonObject().put("id", null).put("idempotency_key", null));
  }

  /** Each event to every endpoint, the next event only after the previous one's deliveries ended. */
  private Future<List<String>> deliverInOrder(List<JsonObject> created) {
    Future<Void> chain = Future.succeededFuture();
    for (JsonObject e : created) {
      chain = chain.compose(v -> {
        List<Future<Integer>> sends = new ArrayList<>();
        for (WebhookEndpoint endpoint : endpoints) {
          if (!endpoint.wants(e.getString("type"))) continue;
          sends.add(deliveries.deliver(endpoint.url(), endpoint.secret(), e.getString("id"), e.getString("type"), e.encode()));
        }
        return Future.join(sends).mapEmpty();
      });
    }
    return chain.map(v -> created.stream().map(e -> e.getString("id")).toList());
  }

  private long now() {
    return clock.instant().getEpochSecond();
  }

  private static long amountOf(String plan) {
    return switch (plan) {
      case "starter" -> 500L;
      case "pro" -> 1500L;
      default -> 1000L;
    };
  }

  private static JsonObject list(String url, JsonArray data, boolean more) {
    return new JsonObject().put("object", "list").put("url", url).put("has_more", more).put("data", data);
  }

  private boolean authorized(RoutingContext rc) {
    String header = rc.request().getHeader("Authorization");
    if (header != null && header.equals("Bearer " + apiKey)) return true;
    // Stripe also takes the key as the basic-auth user name, as its curl examples send it (-u sk_…:)
    String basic = "Basic " + Base64.getEncoder().encodeToString((apiKey + ":").getBytes(StandardCharsets.UTF_8));
    if (header != null && header.equals(basic)) return true;
    error(rc, 401, "invalid_api_key", "Invalid API Key provided");
    return false;
  }

  private static void error(RoutingContext rc, int status, String code, String message) {
    rc.response().setStatusCode(status).putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("error", new JsonObject().put("type", "invalid_request_error").put("code", code)
            .put("message", message)).encode());
  }

  /** {@code prefix[key]=v} form fields as an object ({@code metadata[plan]=pro} → {@code {plan: pro}}). */
  private static JsonObject nested(Map<String, String> form, String prefix) {
    JsonObject out = new JsonObject();
    form.forEach((k, v) -> {
      if (k.startsWith(prefix + "[") && k.endsWith("]") && k.indexOf('[', prefix.length() + 1) < 0) {
        out.put(k.substring(prefix.length() + 1, k.length() - 1), v);
      }
    });
    return out;
  }

  private static Map<String, String> form(String body) {
    Map<String, String> out = new LinkedHashMap<>();
    if (body == null || body.isEmpty()) return out;
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq <= 0) continue;
      out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }

  private static String escape(String s) {
    return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
