package com.zerolaghub.simulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.StripeClient;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.model.Customer;
import com.stripe.model.Event;
import com.stripe.model.Invoice;
import com.stripe.model.StripeCollection;
import com.stripe.model.WebhookEndpoint;
import com.stripe.model.checkout.Session;
import com.stripe.Stripe;
import com.stripe.net.Webhook;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.EventListParams;
import com.stripe.param.WebhookEndpointCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** stripe-java, pointed at the simulator, reads its answers and verifies its webhook signatures as it does Stripe's. */
class StripeSimulatorThroughStripeJavaTest {
  Vertx vertx;
  StripeSimulator stripe;
  HttpServer receiver;
  final List<String[]> received = new CopyOnWriteArrayList<>();
  StripeClient client;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    stripe = new StripeSimulator(vertx, "sk_test_123");
    stripe.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    receiver = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      received.add(new String[] {body.toString(), req.getHeader("Stripe-Signature")});
      req.response().end();
    })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    client = StripeClient.builder().setApiKey("sk_test_123").setApiBase(stripe.apiBase()).build();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void customersSessionsEventsAndSignedDeliveriesReadAsStripes() throws Exception {
    assertThat(StripeSimulator.API_VERSION).isEqualTo(Stripe.API_VERSION);
    Customer customer = client.customers().create(CustomerCreateParams.builder().setEmail("ada@example.com")
        .putMetadata("accountId", "u1").build());
    assertThat(customer.getId()).startsWith("cus_");
    assertThat(client.customers().retrieve(customer.getId()).getMetadata()).containsEntry("accountId", "u1");

    WebhookEndpoint endpoint = client.webhookEndpoints().create(WebhookEndpointCreateParams.builder()
        .setUrl("http://127.0.0.1:" + receiver.actualPort() + "/hook")
        .addEnabledEvent(WebhookEndpointCreateParams.EnabledEvent.CHECKOUT__SESSION__COMPLETED)
        .addEnabledEvent(WebhookEndpointCreateParams.EnabledEvent.INVOICE__PAID).build());
    assertThat(endpoint.getSecret()).startsWith("whsec_");

    Session session = client.checkout().sessions().create(SessionCreateParams.builder()
        .setMode(SessionCreateParams.Mode.SUBSCRIPTION).setCustomer(customer.getId()).setClientReferenceId("u1")
        .setSuccessUrl("http://localhost/done").putMetadata("plan", "pro")
        .setSubscriptionData(SessionCreateParams.SubscriptionData.builder().putMetadata("accountId", "u1").build())
        .addLineItem(SessionCreateParams.LineItem.builder().setPrice("price_pro").setQuantity(1L).build()).build());
    assertThat(session.getStatus()).isEqualTo("open");
    assertThat(session.getUrl()).startsWith(stripe.apiBase() + "/checkout/pay/");

    stripe.pay(session.getId()).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    Session paid = client.checkout().sessions().retrieve(session.getId());
    assertThat(paid.getStatus()).isEqualTo("complete");
    assertThat(paid.getCustomer()).isEqualTo(customer.getId());
    assertThat(client.subscriptions().retrieve(paid.getSubscription()).getStatus()).isEqualTo("active");

    // only the enabled types were delivered, each verifying with the endpoint's secret
    assertThat(received).hasSize(2);
    Event completed = Webhook.constructEvent(received.get(0)[0], received.get(0)[1], endpoint.getSecret());
    assertThat(completed.getType()).isEqualTo("checkout.session.completed");
    assertThat(((Session) completed.getDataObjectDeserializer().getObject().orElseThrow()).getClientReferenceId())
        .isEqualTo("u1");
    Event invoicePaid = Webhook.constructEvent(received.get(1)[0], received.get(1)[1], endpoint.getSecret());
    Invoice invoice = (Invoice) invoicePaid.getDataObjectDeserializer().getObject().orElseThrow();
    assertThat(invoice.getStatus()).isEqualTo("paid");
    assertThat(invoice.getParent().getSubscriptionDetails().getMetadata()).containsEntry("accountId", "u1");
    assertThat(invoice.getParent().getSubscriptionDetails().getSubscription()).isEqualTo(paid.getSubscription());

    StripeCollection<Event> paidEvents = client.events().list(EventListParams.builder().setType("invoice.paid").build());
    assertThat(paidEvents.getData()).extracting(Event::getId).containsExactly(invoicePaid.getId());
    assertThat(client.events().retrieve(completed.getId()).getType()).isEqualTo("checkout.session.completed");
  }

  @Test
  void theKeyMayComeAsTheBasicAuthUserAsInStripesCurlExamples() throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(stripe.apiBase() + "/v1/webhook_endpoints")).header("Authorization", "Basic "
            + Base64.getEncoder().encodeToString("sk_test_123:".getBytes(StandardCharsets.UTF_8)))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  @Test
  void aWrongKeyAndAnUnknownObjectAreStripesErrors() {
    StripeClient wrong = StripeClient.builder().setApiKey("sk_test_wrong").setApiBase(stripe.apiBase()).build();
    assertThatThrownBy(() -> wrong.customers().retrieve("cus_1")).isInstanceOf(AuthenticationException.class);
    assertThatThrownBy(() -> client.checkout().sessions().retrieve("cs_nope"))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("No such checkout.session");
  }
}
