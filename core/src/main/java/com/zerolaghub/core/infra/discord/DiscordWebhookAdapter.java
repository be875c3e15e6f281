package com.zerolaghub.core.infra.discord;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Duration;

/**
 * Discord webhook over HTTP. Within one call a 429 is waited out for its {@code retry_after}
 * (seconds, fractional) when that is short, and a 5xx or network error is retried with doubling
 * pauses, up to {@code attempts} tries; then the failure goes to the caller, which backs off for
 * longer. The webhook URL holds a token: it is never logged or put in an error message.
 */
public final class DiscordWebhookAdapter implements DiscordPort, AutoCloseable {
  /** A longer wait is handed to the caller rather than held here. */
  private static final Duration MAX_INLINE_WAIT = Duration.ofSeconds(5);

  private final Vertx vertx;
  private final WebClient client;
  private final String webhookUrl;
  private final int attempts;
  private final Duration firstPause;

  public DiscordWebhookAdapter(Vertx vertx, String webhookUrl, int attempts, Duration firstPause) {
    this.vertx = vertx;
    this.webhookUrl = webhookUrl;
    this.attempts = Math.max(1, attempts);
    this.firstPause = firstPause;
    this.client = WebClient.create(vertx, new WebClientOptions().setUserAgent("zlh-control-plane").setConnectTimeout(5000)
        .setIdleTimeout(30));
  }

  @Override
  public Future<Void> post(DiscordMessage message) {
    return attempt(message.toJson(), 1, firstPause);
  }

  private Future<Void> attempt(JsonObject body, int n, Duration pause) {
    return client.postAbs(webhookUrl).timeout(10_000).sendJsonObject(body)
        .transform(ar -> {
          if (ar.failed()) return n < attempts ? later(pause).compose(v -> attempt(body, n + 1, pause.multipliedBy(2)))
              : Future.failedFuture(new IllegalStateException("discord unreachable: " + ar.cause().getClass().getSimpleName()));
          HttpResponse<Buffer> r = ar.result();
          int status = r.statusCode();
          if (status >= 200 && status < 300) return Future.succeededFuture();
          if (status == 429) {
            Duration wait = retryAfter(r);
            if (n < attempts && wait.compareTo(MAX_INLINE_WAIT) <= 0) {
              return later(wait).compose(v -> attempt(body, n + 1, pause));
            }
            return Future.failedFuture(new DiscordRateLimitedException(wait));
          }
          if (status >= 500) {
            return n < attempts ? later(pause).compose(v -> attempt(body, n + 1, pause.multipliedBy(2)))
                : Future.failedFuture(new IllegalStateException("discord answered HTTP " + status));
          }
          return Future.failedFuture(new DiscordRejectedException(status));
        });
  }

  /** {@code retry_after} from the JSON body, else the Retry-After header, else one second. */
  static Duration retryAfter(HttpResponse<Buffer> r) {
    try {
      JsonObject body = r.bodyAsJsonObject();
      if (body != null && body.getValue("retry_after") instanceof Number n) {
        return Duration.ofMillis((long) Math.ceil(n.doubleValue() * 1000));
      }
    } catch (RuntimeException ignored) {
      // not JSON: fall back to the header
    }
    String header = r.getHeader("Retry-After");
    try {
      if (header != null) return Duration.ofMillis((long) Math.ceil(Double.parseDouble(header) * 1000));
    } catch (NumberFormatException ignored) {
      // fall through
    }
    return Duration.ofSeconds(1);
  }

  private Future<Void> later(Duration d) {
    Promise<Void> p = Promise.promise();
    vertx.setTimer(Math.max(1, d.toMillis()), id -> p.complete());
    return p.future();
  }

  @Override
  public void close() {
    client.close();
  }
}
