package com.zerolaghub.verticles.smoke;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/** One HTTP answer as the smoke read it. */
record Answer(String method, String path, int status, MultiMap headers, Buffer body) {
  JsonObject json() {
    try {
      return body.length() == 0 ? new JsonObject() : new JsonObject(body);
    } catch (DecodeException | ClassCastException e) {
      throw new SmokeCheckFailed(method + " " + path + ": " + status + " with a body that is not a JSON object: " + text(200));
    }
  }

  String text(int max) {
    String s = body.toString();
    return s.length() <= max ? s : s.substring(0, max) + "…";
  }

  /** Fails the step unless the status is {@code expected}. */
  Answer expect(int expected) {
    if (status != expected) {
      throw new SmokeCheckFailed(method + " " + path + " answered " + status + ", expected " + expected + ": " + text(300));
    }
    return this;
  }
}
