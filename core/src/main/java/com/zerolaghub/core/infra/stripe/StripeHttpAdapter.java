package com.zerolaghub.core.infra.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.StripeException;
import com.stripe.model.checkout.Session;
import com.stripe.param.checkout.SessionCreateParams;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * {@link StripePort} over Stripe's HTTP API through one {@link StripeClient} of its own (API key
 * and base per client, no global {@code Stripe.apiKey}), on a worker thread: stripe-java blocks.
 */
public final class StripeHttpAdapter implements StripePort {
  private final Vertx vertx;
  private final StripeOptions options;
  private final StripeClient client;

  public StripeHttpAdapter(Vertx vertx, StripeOptions options) {
    this.vertx = vertx;
    this.options = options;
    if (!options.configured()) {
      this.client = null;
      return;
    }
    StripeClient.StripeClientBuilder builder = StripeClient.builder().setApiKey(options.apiKey())
        .setConnectTimeout(StripeOptions.CONNECT_TIMEOUT_MILLIS).setReadTimeout(StripeOptions.READ_TIMEOUT_MILLIS)
        .setMaxNetworkRetries(StripeOptions.NETWORK_RETRIES);
    if (!options.apiBase().isEmpty()) builder.setApiBase(options.apiBase());
    this.client = builder.build();
  }

  @Override
  public Future<CheckoutSession> createCheckout(String accountId, String email, String plan) {
    if (client == null) {
      return Future.failedFuture(new StripeCallException(StripeCallException.Reason.NOT_CONFIGURED, "no Stripe API key", null));
    }
    return vertx.executeBlocking(() -> {
      SessionCreateParams.Builder params = SessionCreateParams.builder()
          .setMode(SessionCreateParams.Mode.SUBSCRIPTION)
          .setClientReferenceId(accountId)
          .setSuccessUrl(options.checkoutSuccessUrl())
          .setCancelUrl(options.checkoutCancelUrl())
          .putMetadata("accountId", accountId)
          .putMetadata("plan", plan)
          .setSubscriptionData(SessionCreateParams.SubscriptionData.builder()
              .putMetadata("accountId", accountId).putMetadata("plan", plan).build())
          .addLineItem(SessionCreateParams.LineItem.builder().setPrice("price_" + plan).setQuantity(1L).build());
      if (email != null) params.setCustomerEmail(email);
      try {
        Session s = client.checkout().sessions().create(params.build());
        return new CheckoutSession(s.getId(), s.getUrl());
      } catch (AuthenticationException e) {
        throw new StripeCallException(StripeCallException.Reason.KEY_REFUSED, e.getMessage(), e);
      } catch (ApiConnectionException e) {
        throw new StripeCallException(StripeCallException.Reason.UNREACHABLE, e.getMessage(), e);
      } catch (StripeException e) {
        throw new StripeCallException(StripeCallException.Reason.REFUSED, e.getMessage(), e);
      }
    }, false);
  }
}
