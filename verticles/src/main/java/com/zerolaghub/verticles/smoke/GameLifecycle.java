package com.zerolaghub.verticles.smoke;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * A game server from create to delete: ready and connectable, the console, files, a backup and
 * its restore, delete refused while the host runs, then stop and delete, and nothing left behind.
 */
final class GameLifecycle {
  private static final String FILE = "zlh-smoke.txt";

  private GameLifecycle() {}

  static void run(SmokeRun run, JsonObject catalog, ConsoleProbe console) {
    StepLog log = run.log();
    PublicApi api = run.api();
    String token = run.owner().token();
    String name = "smoke-" + run.runId();
    JsonObject body = new JsonObject().put("type", "game").put("name", name);
    pickGame(catalog, body);

    JsonObject accepted = log.run("game: create " + name, () -> api.send(token, HttpMethod.POST, "/api/instances",
        body.toBuffer(), Map.of("Content-Type", "application/json", "Idempotency-Key", "smoke-game-" + run.runId())).expect(202).json());
    String id = accepted.getString("serverId");
    run.created().add(id, name);
    String s = "/api/servers/" + id;
    log.run("game: provisioned", () -> Operations.awaitSucceeded(api, token, accepted.getString("operationId"), run.timeout()));

    JsonObject status = log.run("game: ready and connectable", () -> awaitStatus(run, id, st ->
        st.getBoolean("ready", false) && st.getBoolean("connectable", false)));
    JsonObject server = api.get(token, s).expect(200).json();
    int vmid = server.getInteger("vmid", -1);
    log.run("game: connect address", () -> {
      String address = server.getString("connectAddress");
      if (address == null || address.isBlank()) throw new SmokeCheckFailed("no connectAddress on " + server.encode());
      return new StepLog.Note(address + ", game " + status.getJsonObject("game", new JsonObject()).getString("state"));
    });

    String marker = "zlh-smoke-" + run.runId();
    log.run("game: console (WebSocket) shows a command", () -> console.roundTrip(api.base(), token, id, "say " + marker, marker, run.timeout()));

    String original = "written by zlh smoke " + run.runId() + "\n";
    log.run("game: files upload and read back", () -> {
      writeFile(api, token, s, original);
      String read = api.get(token, s + "/files/content?path=" + FILE).expect(200).body().toString();
      if (!read.equals(original)) throw new SmokeCheckFailed("read back " + read.length() + " bytes that differ from the upload");
    });

    String backupId = log.run("game: backup", () -> {
      String b = api.send(token, HttpMethod.POST, s + "/backups", null).expect(202).json().getString("backupId");
      AtomicReference<String> last = new AtomicReference<>();
      Polling.until("completed: backup " + b, run.timeout(), () -> {
        JsonArray backups = api.get(token, s + "/backups").expect(200).json().getJsonArray("backups", new JsonArray());
        last.set(backups.encode());
        for (Object o : backups) {
          if (o instanceof JsonObject j && b.equals(j.getString("backupId"))) {
            if ("failed".equals(j.getString("state"))) throw new SmokeCheckFailed("backup failed: " + j.encode());
            if ("completed".equals(j.getString("state"))) return Optional.of(true);
          }
        }
        return Optional.empty();
      }, last::get);
      return b;
    });

    log.run("game: restore brings the backed-up file back", () -> {
      writeFile(api, token, s, "changed after the backup\n");
      AtomicReference<String> last = new AtomicReference<>();
      Polling.until("accepted: restore", run.timeout(), () -> {
        Answer a = api.send(token, HttpMethod.POST, s + "/backups/" + backupId + "/restore", null);
        last.set(a.status() + " " + a.text(200));
        if (a.status() == 202) return Optional.of(true);
        if (a.status() == 409) return Optional.empty(); // the backup's copy still finishing on the agent
        throw new SmokeCheckFailed("restore answered " + last.get());
      }, last::get);
      Polling.until("restored: " + FILE, run.timeout(), () -> {
        Answer a = api.get(token, s + "/files/content?path=" + FILE);
        last.set(a.status() + " " + a.text(80));
        return a.status() == 200 && a.body().toString().equals(original) ? Optional.of(true) : Optional.empty();
      }, last::get);
    });

    log.run("security: another account gets 404 for this server", () -> Trespasser.refusedEverywhere(run, id, true, console));
    Optional<String> agentUrl = run.options().agentUrl();
    if (agentUrl.isPresent() && vmid > 0) {
      log.run("security: the agent refuses direct calls", () -> AgentDoor.refusesOutsiders(run, agentUrl.get(), vmid));
    } else {
      log.skip("security: the agent refuses direct calls", "give --agent-url to try it");
    }

    log.run("game: delete refused while the host runs", () -> {
      Operations.awaitIdle(api, token, id, run.timeout());
      Answer refused = api.send(token, HttpMethod.DELETE, s, null);
      if (refused.status() != 409) throw new SmokeCheckFailed("DELETE of a running server answered " + refused.status() + ": " + refused.text(200));
    });
    log.run("game: stop host", () -> Operations.run(api, token, HttpMethod.POST, s + "/host/stop", run.timeout()));
    log.run("game: delete", () -> {
      Operations.run(api, token, HttpMethod.DELETE, s, run.timeout());
      run.created().deleted(id);
    });
    log.run("game: DNS, Velocity and container cleanup verified", () -> CleanupEvidence.verify(run, id, true));
  }

  static JsonObject awaitStatus(SmokeRun run, String id, Predicate<JsonObject> wanted) {
    AtomicReference<String> last = new AtomicReference<>();
    return Polling.until("there: status of " + id, run.timeout(), () -> {
      JsonObject op = run.api().get(run.owner().token(), "/api/servers/" + id).expect(200).json().getJsonObject("operation");
      if (op != null && "failed".equals(op.getString("status"))) {
        throw new SmokeCheckFailed("operation " + op.getString("type") + " failed: " + op.getString("reason"));
      }
      JsonObject st = run.api().get(run.owner().token(), "/api/servers/" + id + "/status").expect(200).json();
      last.set(st.encode());
      return wanted.test(st) ? Optional.of(st) : Optional.empty();
    }, last::get);
  }

  private static void writeFile(PublicApi api, String token, String serverPath, String content) {
    api.send(token, HttpMethod.PUT, serverPath + "/files/content?path=" + FILE, Buffer.buffer(content),
        Map.of("Content-Type", "application/octet-stream")).expect(204);
  }

  /** The first variant and the smallest plan that fits it, as the catalog offers them. */
  private static void pickGame(JsonObject catalog, JsonObject body) {
    JsonObject game = catalog.getJsonObject("game", new JsonObject());
    JsonArray variants = game.getJsonArray("variants", new JsonArray());
    if (variants.isEmpty()) throw new SmokeCheckFailed("the catalog offers no game variant");
    JsonObject variant = variants.getJsonObject(0);
    int min = variant.getInteger("minMemoryMib", 0);
    JsonObject plan = null;
    for (Object o : game.getJsonArray("plans", new JsonArray())) {
      if (o instanceof JsonObject p && p.getInteger("memoryMib", 0) >= min
          && (plan == null || p.getInteger("memoryMib", 0) < plan.getInteger("memoryMib", 0))) {
        plan = p;
      }
    }
    if (plan == null) throw new SmokeCheckFailed("the catalog offers no plan for " + variant.getString("id"));
    body.put("variant", variant.getString("id")).put("plan", plan.getString("id"));
  }
}
