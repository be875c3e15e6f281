package com.zerolaghub.verticles.smoke;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Map;

/**
 * A dev server with code-server from create to delete: the hosted IDE reached as a browser
 * reaches it (one-time link, cookie exchange on the dev host, the IDE's page), host restart,
 * stop and delete, and the IDE gone afterwards.
 */
final class DevLifecycle {
  private DevLifecycle() {}

  static void run(SmokeRun run, JsonObject catalog, ConsoleProbe console) {
    StepLog log = run.log();
    PublicApi api = run.api();
    String token = run.owner().token();
    String name = "smoke-dev-" + run.runId();
    JsonObject body = pickDev(catalog).put("type", "dev").put("name", name).put("codeServer", true);

    JsonObject accepted = log.run("dev: create " + name, () -> api.send(token, HttpMethod.POST, "/api/instances",
        body.toBuffer(), Map.of("Content-Type", "application/json", "Idempotency-Key", "smoke-dev-" + run.runId())).expect(202).json());
    String id = accepted.getString("serverId");
    run.created().add(id, name);
    String s = "/api/servers/" + id;
    log.run("dev: provisioned", () -> Operations.awaitSucceeded(api, token, accepted.getString("operationId"), run.timeout()));
    log.run("dev: ready with code-server running", () -> GameLifecycle.awaitStatus(run, id, DevLifecycle::ideUp));

    String[] cookie = new String[1];
    URI[] link = new URI[1];
    log.run("dev: hosted IDE through a one-time link", () -> {
      link[0] = URI.create(api.send(token, HttpMethod.POST, "/api/dev/" + id + "/ide-token", null).expect(200).json().getString("url"));
      String connectTo = connectAddress(run, link[0]);
      Answer exchanged = api.browse(link[0], connectTo, null);
      String setCookie = exchanged.headers().get("Set-Cookie");
      if (exchanged.status() != 302 || setCookie == null) {
        throw new SmokeCheckFailed("the link answered " + exchanged.status() + (setCookie == null ? " without a cookie" : "") + ": " + exchanged.text(200));
      }
      cookie[0] = setCookie.split(";", 2)[0];
      String location = exchanged.headers().get("Location");
      URI clean = link[0].resolve(location == null ? "/" : location);
      Answer ide = api.browse(clean, connectTo, cookie[0]);
      if (ide.status() != 200 || !ide.body().toString().toLowerCase(Locale.ROOT).contains("code-server")) {
        throw new SmokeCheckFailed("the IDE answered " + ide.status() + ": " + ide.text(200));
      }
      Answer replayed = api.browse(link[0], connectTo, null);
      if (replayed.status() == 302 || replayed.status() == 200) throw new SmokeCheckFailed("the one-time link worked twice (" + replayed.status() + ")");
      return new StepLog.Note(link[0].getHost());
    });
    log.run("security: another account gets 404 for this server", () -> Trespasser.refusedEverywhere(run, id, false, console));

    log.run("dev: restart host", () -> {
      Operations.run(api, token, HttpMethod.POST, s + "/host/restart", run.timeout());
      GameLifecycle.awaitStatus(run, id, DevLifecycle::ideUp);
    });
    log.run("dev: stop host", () -> Operations.run(api, token, HttpMethod.POST, s + "/host/stop", run.timeout()));
    log.run("dev: delete", () -> {
      Operations.run(api, token, HttpMethod.DELETE, s, run.timeout());
      run.created().deleted(id);
    });
    log.run("dev: cleanup verified, the IDE is gone", () -> {
      StepLog.Note note = CleanupEvidence.verify(run, id, false);
      Answer after = api.browse(link[0].resolve("/"), connectAddress(run, link[0]), cookie[0]);
      if (after.status() == 200) throw new SmokeCheckFailed("the deleted server's IDE still answers 200 with its cookie");
      return note;
    });
  }

  private static boolean ideUp(JsonObject st) {
    return st.getBoolean("ready", false) && st.getBoolean("connectable", false)
        && st.getJsonObject("codeServer", new JsonObject()).getBoolean("running", false);
  }

  /** Where to connect for the link: its own host when it resolves, else the option or the API's host. */
  private static String connectAddress(SmokeRun run, URI link) {
    if (run.options().devHostAddress().isPresent()) return run.options().devHostAddress().get();
    try {
      InetAddress.getByName(link.getHost());
      return null;
    } catch (UnknownHostException e) {
      return run.api().base().getHost();
    }
  }

  /** The first runtime and its first version (and the first dev plan, when the catalog has several). */
  private static JsonObject pickDev(JsonObject catalog) {
    JsonObject dev = catalog.getJsonObject("dev", new JsonObject());
    JsonArray runtimes = dev.getJsonArray("runtimes", new JsonArray());
    if (runtimes.isEmpty()) throw new SmokeCheckFailed("the catalog offers no dev runtime");
    JsonObject runtime = runtimes.getJsonObject(0);
    JsonArray versions = runtime.getJsonArray("versions", new JsonArray());
    JsonObject body = new JsonObject().put("runtime", runtime.getString("id"));
    if (!versions.isEmpty()) body.put("version", versions.getString(0));
    JsonArray plans = dev.getJsonArray("plans");
    if (plans != null && !plans.isEmpty()) body.put("plan", plans.getJsonObject(0).getString("id"));
    return body;
  }
}
