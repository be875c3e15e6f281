package com.zerolaghub.verticles.monitoring;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * What a server card shows. A figure is null when its series is missing or its newest sample is
 * too old, never 0; {@code stale} is then true.
 *
 * @param netIn     bytes/s received, all interfaces but loopback
 * @param netOut    bytes/s sent
 * @param sampledAt the newest sample the figures rest on; null when none is fresh
 */
record ServerCardSummary(Double cpuPercent, Double memPercent, Double diskPercent, Double netIn, Double netOut,
                         boolean stale, Instant sampledAt) {

  JsonObject toJson() {
    JsonObject json = new JsonObject();
    put(json, "cpu_percent", cpuPercent);
    put(json, "mem_percent", memPercent);
    put(json, "disk_percent", diskPercent);
    put(json, "net_in", netIn);
    put(json, "net_out", netOut);
    json.put("stale", stale);
    if (sampledAt == null) json.putNull("sampledAt");
    else json.put("sampledAt", sampledAt.toString());
    return json;
  }

  private static void put(JsonObject json, String key, Double value) {
    if (value == null) json.putNull(key);
    else json.put(key, value);
  }
}
