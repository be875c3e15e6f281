package com.zerolaghub.verticles.billing;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.events.Checkpoint;
import com.zerolaghub.events.RecordedEvent;
import com.zerolaghub.simulators.StripeSimulator;
import com.zerolaghub.verticles.config.BillingConfig;
import com.zerolaghub.verticles.config.ProxyConfig;
import com.zerolaghub.verticles.testing.WiredNode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The paying flow on a laptop: a node as {@code zlh run} wires it in simulated mode with no
 * Stripe key runs its own Stripe simulator; checkout goes through stripe-java to it, the pay
 * page's button pays, and the simulator's signed webhooks make the account {@code good}.
 */
class PayingThroughTheStripeSimulatorTest {
  WiredNode node;
  final HttpClient browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .followRedirects(HttpClient.Redirect.NEVER).build();

  @BeforeEach
  void start() throws Exception {
    node = WiredNode.start(Clock.systemUTC(), BillingConfig.builder().checkInterval(Duration.ofMillis(50)).build(),
        ProxyConfig.builder().port(0).host("127.0.0.1").publicPort(-1).build());
  }

  @AfterEach
  void stop() throws Exception {
    if (node != null) node.close();
  }

  @Test
  @DisplayName("checkout → the simulator's pay page → signed webhooks → standing good, then a failed renewal and its payment")
  void checkoutPaidOnTheSimulatorsPageMakesTheAccountGood() throws Exception {
    StripeSimulator stripe = node.capability(BillingCapability.class).stripeSimulator().orElseThrow();
    assertThat(stripe.webhookEndpoints()).singleElement()
        .satisfies(e -> assertThat(e.url()).isEqualTo("http://127.0.0.1:" + node.port() + "/api/billing/webhook"));
    String[] customer = node.signUp();
    String token = customer[1];

    HttpResponse<String> checkout = node.send(token, "POST", "/api/billing/checkout", new JsonObject().put("plan", "pro"));
    assertThat(checkout.statusCode()).as(checkout.body()).isEqualTo(201);
    String sessionId = new JsonObject(checkout.body()).getString("sessionId");
    String url = new JsonObject(checkout.body()).getString("url");
    assertThat(url).isEqualTo(stripe.apiBase() + "/checkout/pay/" + sessionId);
    assertThat(stripe.requests()).contains("POST /v1/checkout/sessions");
    assertThat(billing(token).getString("enforcement")).isEqualTo("good");

    HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<form method=\"post\">", "pro");

    HttpResponse<String> paid = browser.send(HttpRequest.newBuilder(URI.create(url))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(paid.statusCode()).as(paid.body()).isEqualTo(303);
    assertThat(paid.headers().firstValue("Location")).hasValue(BillingConfig.defaults().checkoutSuccessUrl());

    // every delivery was signed well enough for the node's stripe-java check: all answered 200
    assertThat(stripe.deliveryAttempts()).extracting(a -> a.eventType() + " " + a.status()).containsExactly(
        "customer.created 200", "checkout.session.completed 200", "customer.subscription.created 200", "invoice.paid 200");
    JsonObject standing = billing(token);
    assertThat(standing.getString("enforcement")).isEqualTo("good");
    assertThat(standing.getString("plan")).isEqualTo("pro");
    assertThat(standing.getString("subscriptionStatus")).isEqualTo("active");
    assertThat(log()).extracting(RecordedEvent::type)
        .contains("billing.checkout-started", "billing.customer-linked", "billing.subscription-changed");
    // customer.created names no account (Stripe's customer has no metadata here): recorded, applied to none
    assertThat(log()).filteredOn(e -> e.type().equals("billing.stripe-event-recorded"))
        .extracting(e -> new JsonObject(e.payload()).getString("type") + " " + new JsonObject(e.payload()).getString("accountId"))
        .containsExactly("customer.created null", "checkout.session.completed " + customer[0],
            "customer.subscription.created " + customer[0], "invoice.paid " + customer[0]);

    // the renewal fails (warning), then its retry succeeds (good), each a signed delivery
    String subscription = stripe.session(sessionId).getString("subscription");
    await(stripe.failRenewal(subscription));
    assertThat(billing(token).getString("enforcement")).isEqualTo("warning");
    String invoice = stripe.subscription(subscription).getString("latest_invoice");
    assertThat(billing(token).getJsonArray("outstandingInvoices")).containsExactly(invoice);
    await(stripe.payInvoice(invoice));
    assertThat(billing(token).getString("enforcement")).isEqualTo("good");
    assertThat(stripe.deliveryAttempts()).allSatisfy(a -> assertThat(a.status()).isEqualTo(200));
  }

  private JsonObject billing(String token) throws Exception {
    HttpResponse<String> r = node.send(token, "GET", "/api/billing/status", null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new JsonObject(r.body());
  }

  private List<RecordedEvent> log() throws Exception {
    return node.platform.context().store().readAfter(Checkpoint.START, 100_000).toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }
}
