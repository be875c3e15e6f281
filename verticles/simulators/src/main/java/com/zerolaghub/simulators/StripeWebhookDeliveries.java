package com.zerolaghub.simulators;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Sends events to webhook endpoints as Stripe does: {@code POST} of the event JSON with
 * {@code Stripe-Signature: t=…,v1=…} signed with the endpoint's secret, a 2xx answer counts as
 * delivered, anything else is retried (Stripe retries for days with back-off; here a few
 * attempts, milliseconds apart). Every attempt is remembered for tests.
 */
public final class StripeWebhookDeliveries {
  /** One attempt: the event, where it went, and the HTTP status (0 when no answer came). */
  public record Attempt(String eventId, String eventType, String url, int status) {}

  static final int ATTEMPTS = 4;
  private static final long FIRST_RETRY_MS = 100;

  private final Vertx vertx;
  private final Clock clock;
  private final WebClient client;
  private final List<Attempt> attempts = new CopyOnWriteArrayList<>();

  StripeWebhookDeliveries(Vertx vertx, Clock clock) {
    this.vertx = vertx;
    this.clock = clock;
    this.client = WebClient.create(vertx, new WebClientOptions().setUserAgent("Stripe/1.0 (+https://stripe.com/docs/webhooks)")
        .setConnectTimeout(5_000).setIdleTimeout(10));
  }

  /** Delivers one event to one endpoint; succeeds with the last status (2xx delivered, else given up). */
  Future<Integer> deliver(String url, String secret, String eventId, String eventType, String payload) {
    Promise<Integer> done = Promise.promise();
    attempt(url, secret, eventId, eventType, payload, 1, done);
    return done.future();
  }

  List<Attempt> attempts() {
    return List.copyOf(attempts);
  }

  void close() {
    client.close();
  }

  private void attempt(String url, String secret, String eventId, String eventType, String payload, int n,
      Promise<Integer> done) {
    long now = clock.instant().getEpochSecond();
    String signature = new StripeWebhookSigner(secret).header(payload, now);
    client.request(HttpMethod.POST, new RequestOptions().setAbsoluteURI(url).setTimeout(10_000))
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .putHeader("Stripe-Signature", signature)
        .sendBuffer(Buffer.buffer(payload))
        .onComplete(ar -> {
          int status = ar.succeeded() ? ar.result().statusCode() : 0;
          attempts.add(new Attempt(eventId, eventType, url, status));
          if (status >= 200 && status < 300 || n >= ATTEMPTS) {
            done.complete(status);
          } else {
            vertx.setTimer(FIRST_RETRY_MS << (n - 1), id -> attempt(url, secret, eventId, eventType, payload, n + 1, done));
          }
        });
  }
}
