package com.zerolaghub.verticles.smoke;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A deleted server left nothing behind. A customer sees only that it is gone (404, out of the
 * listing) and that its delete operation succeeded — the teardown checks every removal itself.
 * With an administrator's token the smoke also reads those checks: each teardown step's
 * {@code server.teardown-step-completed} in the account's audit export (Velocity deregistered, SRV
 * record removed, container destroyed, gone verified), and no open drift finding on the server.
 */
final class CleanupEvidence {
  static final List<String> GAME_STEPS = List.of("deregister-velocity", "remove-dns", "destroy-container", "verify-gone");
  static final List<String> DEV_STEPS = List.of("destroy-container", "verify-gone");

  private CleanupEvidence() {}

  static StepLog.Note verify(SmokeRun run, String serverId, boolean game) {
    String token = run.owner().token();
    run.api().get(token, "/api/servers/" + serverId).expect(404);
    run.api().get(token, "/api/servers/" + serverId + "/status").expect(404);
    JsonArray servers = run.api().get(token, "/api/servers").expect(200).json().getJsonArray("servers", new JsonArray());
    for (Object o : servers) {
      if (o instanceof JsonObject s && serverId.equals(s.getString("serverId"))) {
        throw new SmokeCheckFailed("the listing still shows " + serverId + ": " + s.encode());
      }
    }
    Optional<String> admin = run.options().adminToken();
    if (admin.isEmpty()) return new StepLog.Note("public view only; --admin-token-file adds the recorded teardown checks");
    List<String> expected = game ? GAME_STEPS : DEV_STEPS;
    Set<String> done = teardownSteps(run, admin.get(), serverId);
    List<String> missing = new ArrayList<>(expected);
    missing.removeAll(done);
    if (!missing.isEmpty()) throw new SmokeCheckFailed("the log records no completed teardown step " + missing + " (done: " + done + ")");
    JsonArray open = run.api().get(admin.get(), "/api/admin/drift").expect(200).json().getJsonArray("open", new JsonArray());
    for (Object o : open) {
      if (o instanceof JsonObject f && serverId.equals(f.getString("serverId"))) {
        throw new SmokeCheckFailed("an open drift finding on the deleted server: " + f.encode());
      }
    }
    return new StepLog.Note("recorded and verified: " + String.join(", ", expected));
  }

  private static Set<String> teardownSteps(SmokeRun run, String adminToken, String serverId) {
    String query = "?account=" + enc(run.owner().id()) + "&from=" + enc(run.startedAt().minusSeconds(60).toString())
        + "&to=" + enc(Instant.now().plusSeconds(60).toString());
    Answer export = run.api().get(adminToken, "/api/admin/audit/export" + query).expect(200);
    Set<String> steps = new LinkedHashSet<>();
    for (String line : export.body().toString().split("\n")) {
      if (!line.startsWith("{")) continue;
      JsonObject event = new JsonObject(line);
      if (serverId.equals(event.getString("streamId")) && "server.teardown-step-completed".equals(event.getString("type"))) {
        steps.add(event.getJsonObject("payload", new JsonObject()).getString("step"));
      }
    }
    return steps;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
