package com.zerolaghub.core.infra;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

/** An {@code {"error": "<code>", "message": "<text>"}} error answer of the agent or the Velocity bridge. */
public record JsonErrorAnswer(int status, String code, String message) {

  /** Reads the answer; without a JSON body the code is {@code http_<status>} and the message the status line. */
  public static JsonErrorAnswer read(HttpResponse<Buffer> response) {
    String code = "http_" + response.statusCode();
    String message = response.statusMessage();
    try {
      JsonObject body = response.bodyAsJsonObject();
      if (body != null) {
        code = body.getString("error", code);
        message = body.getString("message", message);
      }
    } catch (RuntimeException notJson) {
      // keep the status line
    }
    return new JsonErrorAnswer(response.statusCode(), code, message);
  }

  public OutsideSystemException toException(OutsideSystem system) {
    return new OutsideSystemException(system, status, code, message);
  }
}
