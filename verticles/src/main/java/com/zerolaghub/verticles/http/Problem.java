package com.zerolaghub.verticles.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;

/**
 * An RFC 9457 problem document, answered as {@code application/problem+json} for every 4xx and
 * 5xx of the API.
 *
 * @param type      what kind of problem (type URI, title, status)
 * @param detail    this occurrence, for a human; never secrets or stack traces
 * @param instance  the request path (no query string)
 * @param errors    the invalid fields of a validation problem; empty otherwise
 * @param requestId the X-Request-Id of the failed request, to quote to support
 */
public record Problem(ProblemType type, String detail, String instance, List<FieldError> errors, String requestId) {
  public static final String CONTENT_TYPE = "application/problem+json";

  public Problem {
    Objects.requireNonNull(type, "type");
    errors = errors == null ? List.of() : List.copyOf(errors);
  }

  public static Problem of(ProblemType type, String detail) {
    return new Problem(type, detail, null, List.of(), null);
  }

  public int status() {
    return type.status();
  }

  public Problem at(String instance, String requestId) {
    return new Problem(type, detail, instance, errors, requestId);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("type", type.uri().toString())
        .put("title", type.title())
        .put("status", type.status());
    if (detail != null) json.put("detail", detail);
    if (instance != null) json.put("instance", instance);
    if (!errors.isEmpty()) {
      JsonArray list = new JsonArray();
      for (FieldError e : errors) list.add(new JsonObject().put("field", e.field()).put("message", e.message()));
      json.put("errors", list);
    }
    if (requestId != null) json.put("requestId", requestId);
    return json;
  }
}
