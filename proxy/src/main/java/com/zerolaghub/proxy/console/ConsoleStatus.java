package com.zerolaghub.proxy.console;

import io.vertx.core.json.JsonObject;

/**
 * The bridge's own text frames to the client: {@code {"type":"status","state":…}} with state
 * {@code connecting}, {@code connected}, then one final {@code closed} or {@code error} (with a
 * {@code reason}, see {@link ConsoleEnd}). PTY output from the agent comes as binary frames.
 */
public final class ConsoleStatus {
  public static final String CONNECTING = "connecting";
  public static final String CONNECTED = "connected";

  private ConsoleStatus() {}

  public static JsonObject of(String state) {
    return new JsonObject().put("type", "status").put("state", state);
  }
}
