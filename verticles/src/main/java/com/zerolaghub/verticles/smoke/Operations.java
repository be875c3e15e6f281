package com.zerolaghub.verticles.smoke;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** Asynchronous server operations: request one (202 with an operation) and follow it to its end. */
final class Operations {
  private Operations() {}

  /** Sends the request, expects 202, and waits for the operation to succeed; answers the operation. */
  static JsonObject run(PublicApi api, String token, HttpMethod method, String path, Duration timeout) {
    JsonObject accepted = api.send(token, method, path, null).expect(202).json();
    return awaitSucceeded(api, token, accepted.getString("operationId"), timeout);
  }

  static JsonObject run(PublicApi api, String token, String path, JsonObject body, Map<String, String> headers, Duration timeout) {
    JsonObject accepted = api.send(token, HttpMethod.POST, path, body.toBuffer(), headers).expect(202).json();
    return awaitSucceeded(api, token, accepted.getString("operationId"), timeout);
  }

  static JsonObject awaitSucceeded(PublicApi api, String token, String operationId, Duration timeout) {
    AtomicReference<JsonObject> last = new AtomicReference<>();
    return Polling.until("succeeded: operation " + operationId, timeout, () -> {
      JsonObject op = api.get(token, "/api/operations/" + operationId).expect(200).json();
      last.set(op);
      if ("failed".equals(op.getString("status"))) {
        throw new SmokeCheckFailed("operation " + op.getString("type") + " failed in phase " + op.getString("phase") + ": "
            + op.getString("reason"));
      }
      return "succeeded".equals(op.getString("status")) ? Optional.of(op) : Optional.empty();
    }, () -> String.valueOf(last.get()));
  }

  /** Waits until the server has no operation in progress (a step must not race the one before). */
  static void awaitIdle(PublicApi api, String token, String serverId, Duration timeout) {
    AtomicReference<String> last = new AtomicReference<>();
    Polling.until("idle: " + serverId, timeout, () -> {
      Answer a = api.get(token, "/api/servers/" + serverId);
      if (a.status() == 404) return Optional.of(true);
      JsonObject op = a.expect(200).json().getJsonObject("operation");
      last.set(String.valueOf(op));
      boolean busy = op != null && ("queued".equals(op.getString("status")) || "running".equals(op.getString("status")));
      return busy ? Optional.empty() : Optional.of(true);
    }, last::get);
  }
}
