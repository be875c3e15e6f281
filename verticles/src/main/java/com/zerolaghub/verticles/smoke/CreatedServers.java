package com.zerolaghub.verticles.smoke;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The servers a smoke run created and has not deleted yet: whatever happened, each is stopped
 * and deleted at the end (unless {@code --keep}), so a failed run leaves nothing behind.
 */
final class CreatedServers {
  private final Map<String, String> live = new LinkedHashMap<>();

  void add(String serverId, String name) {
    live.put(serverId, name);
  }

  void deleted(String serverId) {
    live.remove(serverId);
  }

  Map<String, String> live() {
    return Map.copyOf(live);
  }

  /** Stops (when running) and deletes each remaining server, one step per server; answers whether all went. */
  boolean removeAll(StepLog log, PublicApi api, String token, Duration timeout) {
    boolean all = true;
    for (Map.Entry<String, String> s : Map.copyOf(live).entrySet()) {
      try {
        log.run("cleanup: delete " + s.getValue(), () -> remove(api, token, s.getKey(), timeout));
        live.remove(s.getKey());
      } catch (RuntimeException e) {
        all = false;
      }
    }
    return all;
  }

  private static void remove(PublicApi api, String token, String serverId, Duration timeout) {
    Answer server = api.get(token, "/api/servers/" + serverId);
    if (server.status() == 404) return;
    JsonObject s = server.expect(200).json();
    Operations.awaitIdle(api, token, serverId, timeout);
    if ("running".equals(s.getString("hostState")) || "running".equals(s.getString("lifecycle"))) {
      Operations.run(api, token, HttpMethod.POST, "/api/servers/" + serverId + "/host/stop", timeout);
    }
    Operations.run(api, token, HttpMethod.DELETE, "/api/servers/" + serverId, timeout);
  }
}
