package com.zerolaghub.verticles.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The operator console's own endpoints: role by hand, standing by hand, the overview (issue 19). */
class ConsoleAdminActionsTest {
  private static Operators ops;

  @BeforeAll
  static void start() throws Exception {
    ops = Operators.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (ops != null) ops.close();
  }

  private static JsonObject entry(JsonArray events, String type) {
    for (int i = 0; i < events.size(); i++) {
      if (events.getJsonObject(i).getString("type").equals(type)) return events.getJsonObject(i);
    }
    throw new AssertionError("no " + type + " in " + events.encodePrettily());
  }

  @Test
  void anAdministratorMakesAndUnmakesAnAdministratorWithAReasonTheAccountTimelineTells() throws Exception {
    String[] customer = ops.customer();
    String[] admin = ops.administrator();
    HttpResponse<String> made = ops.post(admin[1], "/api/admin/accounts/" + customer[0] + "/role",
        new JsonObject().put("role", "admin").put("reason", "joins the on-call rota"));
    assertThat(made.statusCode()).as(made.body()).isEqualTo(200);
    assertThat(new JsonObject(made.body()).getString("role")).isEqualTo("admin");
    Operators.eventually("customer sees the admin API", () -> ops.get(customer[1], "/api/admin/overview").statusCode() == 200);

    HttpResponse<String> taken = ops.post(admin[1], "/api/admin/accounts/" + customer[0] + "/role",
        new JsonObject().put("role", "customer").put("reason", "left the team"));
    assertThat(taken.statusCode()).as(taken.body()).isEqualTo(200);
    Operators.eventually("admin API closed again", () -> ops.get(customer[1], "/api/admin/overview").statusCode() == 403);

    JsonArray events = ops.json(admin[1], "/api/admin/timeline?stream=account:" + customer[0]).getJsonArray("events");
    JsonObject latest = entry(events, "account.role-granted");
    assertThat(latest.getString("text")).isEqualTo("administrator role taken away by hand: left the team");
    assertThat(latest.getJsonObject("cause").getString("kind")).isEqualTo("admin");
    assertThat(latest.getJsonObject("cause").getString("adminId")).isEqualTo(admin[0]);
  }

  @Test
  void nobodyTakesAwayTheirOwnRoleAndCustomersChangeNoRoleOrStanding() throws Exception {
    String[] customer = ops.customer();
    String[] admin = ops.administrator();
    HttpResponse<String> own = ops.post(admin[1], "/api/admin/accounts/" + admin[0] + "/role",
        new JsonObject().put("role", "customer").put("reason", "trying it out"));
    assertThat(own.statusCode()).as(own.body()).isEqualTo(409);
    assertThat(own.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    assertThat(ops.post(customer[1], "/api/admin/accounts/" + customer[0] + "/role",
        new JsonObject().put("role", "admin").put("reason", "let me in")).statusCode()).isEqualTo(403);
    assertThat(ops.post(customer[1], "/api/admin/accounts/" + customer[0] + "/standing",
        new JsonObject().put("standing", "good").put("reason", "let me in")).statusCode()).isEqualTo(403);
    assertThat(ops.post(admin[1], "/api/admin/accounts/nobody-at-all/standing",
        new JsonObject().put("standing", "suspended").put("reason", "no such account")).statusCode()).isEqualTo(404);
    assertThat(ops.post(admin[1], "/api/admin/accounts/" + customer[0] + "/standing",
        new JsonObject().put("standing", "suspended")).statusCode()).as("a reason is required").isEqualTo(400);
  }

  @Test
  void aSuspensionByHandStopsTheHostsAsBillingDoesAndARestoreLiftsItBothInTheTimeline() throws Exception {
    String[] customer = ops.customer();
    String[] admin = ops.administrator();
    String serverId = ops.runningDevServer(customer[1]);
    HttpResponse<String> suspended = ops.post(admin[1], "/api/admin/accounts/" + customer[0] + "/standing",
        new JsonObject().put("standing", "suspended").put("reason", "chargeback on the card"));
    assertThat(suspended.statusCode()).as(suspended.body()).isEqualTo(200);
    assertThat(new JsonObject(suspended.body()).getString("standing")).isEqualTo("suspended");
    Operators.eventually("host stopped by billing", () -> ops.node.servers.serverPorts().routeTable().current().byServerId(serverId)
        .map(r -> !r.running()).orElse(false));
    assertThat(ops.json(admin[1], "/api/admin/accounts/" + customer[0]).getJsonObject("billing").getString("standing"))
        .isEqualTo("suspended");

    HttpResponse<String> restored = ops.post(admin[1], "/api/admin/accounts/" + customer[0] + "/standing",
        new JsonObject().put("standing", "good").put("reason", "settled by phone"));
    assertThat(new JsonObject(restored.body()).getString("standing")).isEqualTo("good");

    JsonArray account = ops.json(admin[1], "/api/admin/timeline?stream=account:" + customer[0]).getJsonArray("events");
    assertThat(account.stream().map(o -> ((JsonObject) o).getString("text")))
        .contains("billing standing good → suspended by hand: chargeback on the card",
            "billing standing suspended → good by hand: settled by phone");
    Operators.eventually("the server's timeline tells the stop", () -> ops.json(admin[1], "/api/admin/timeline?stream=server:" + serverId)
        .getJsonArray("events").stream().anyMatch(o -> ((JsonObject) o).getString("text").equals("host stopped by billing: suspended")));
  }

  @Test
  void theOverviewNamesThisNodeWithItsRolesTheLeadersAndTheQueues() throws Exception {
    String[] customer = ops.customer();
    String[] admin = ops.administrator();
    assertThat(ops.get(customer[1], "/api/admin/overview").statusCode()).isEqualTo(403);
    Operators.eventually("the operations worker leads", () ->
        new JsonObject(ops.get(admin[1], "/api/admin/overview").body()).getJsonObject("leaders").getString("operations") != null);
    JsonObject overview = ops.json(admin[1], "/api/admin/overview");
    String self = overview.getString("thisNode");
    JsonObject node = overview.getJsonArray("nodes").stream().map(JsonObject.class::cast)
        .filter(n -> n.getString("name").equals(self)).findFirst().orElseThrow();
    assertThat(node.getJsonArray("roles").getList()).contains("api", "workers", "controller");
    assertThat(overview.getJsonObject("leaders").getString("operations")).startsWith(self + "/");
    assertThat(overview.getJsonArray("queues").stream().map(q -> ((JsonObject) q).getString("queue")))
        .contains("provisioning", "repair", "billing_enforcement");
  }

  @Test
  void hostPowerByAnAdministratorKeepsTheReasonAndACustomersReasonIsIgnored() throws Exception {
    String[] customer = ops.customer();
    String[] admin = ops.administrator();
    String serverId = ops.runningDevServer(customer[1]);
    HttpResponse<String> byAdmin = ops.post(admin[1], "/api/servers/" + serverId + "/host/restart",
        new JsonObject().put("reason", "stuck after the update"));
    assertThat(byAdmin.statusCode()).as(byAdmin.body()).isEqualTo(202);
    Operators.eventually("restart done", () -> ops.json(admin[1], "/api/admin/timeline?stream=server:" + serverId)
        .getJsonArray("events").stream().anyMatch(o -> ((JsonObject) o).getString("text").equals("host restarted")));
    HttpResponse<String> byCustomer = ops.post(customer[1], "/api/servers/" + serverId + "/host/stop",
        new JsonObject().put("reason", "admin: pretending"));
    assertThat(byCustomer.statusCode()).as(byCustomer.body()).isEqualTo(202);
    HttpResponse<String> noBody = ops.node.send(customer[1], "POST", "/api/servers/" + serverId + "/host/start", null);
    assertThat(noBody.statusCode()).as("a body stays optional: " + noBody.body()).isIn(202, 409);

    JsonArray events = ops.json(admin[1], "/api/admin/timeline?stream=server:" + serverId).getJsonArray("events");
    assertThat(events.stream().map(o -> ((JsonObject) o).getString("text")))
        .contains("host restart requested by hand: stuck after the update", "host stop requested")
        .noneMatch(t -> t.contains("pretending"));
    JsonArray own = ops.json(customer[1], "/api/servers/" + serverId + "/timeline").getJsonArray("events");
    assertThat(own.stream().map(o -> ((JsonObject) o).getString("text"))).contains("host restart requested")
        .noneMatch(t -> t.contains("stuck after the update"));
  }

  private static List<String> texts(JsonArray events) {
    return events.stream().map(o -> ((JsonObject) o).getString("text")).toList();
  }

  @Test
  void anAdministratorOpensACustomersIdeOnlyWithAReasonThatBothTimelinesTell() throws Exception {
    String[] customer = ops.customer();
    String[] admin = ops.administrator();
    String serverId = ops.runningDevServer(customer[1]);
    String ideToken = "/api/dev/" + serverId + "/ide-token";

    HttpResponse<String> without = ops.node.send(admin[1], "POST", ideToken, null);
    assertThat(without.statusCode()).as(without.body()).isEqualTo(400);
    assertThat(without.body()).contains("reason");
    HttpResponse<String> redirect = ops.get(admin[1], "/api/dev/" + serverId + "/ide");
    assertThat(redirect.statusCode()).as("the redirect carries no reason: " + redirect.body()).isEqualTo(400);

    HttpResponse<String> opened = ops.post(admin[1], ideToken, new JsonObject().put("reason", "ticket 42: the build hangs"));
    assertThat(opened.statusCode()).as(opened.body()).isEqualTo(200);
    assertThat(new JsonObject(opened.body()).getString("url")).contains("zlh_ide_token=");
    HttpResponse<String> own = ops.node.send(customer[1], "POST", ideToken, null);
    assertThat(own.statusCode()).as("the owner needs no reason: " + own.body()).isEqualTo(200);

    JsonArray events = ops.json(admin[1], "/api/admin/timeline?stream=server:" + serverId).getJsonArray("events");
    JsonObject entry = entry(events, "server.ide-opened-by-admin");
    assertThat(entry.getString("text")).isEqualTo("IDE opened by an administrator: ticket 42: the build hangs");
    assertThat(entry.getJsonObject("cause").getString("adminId")).isEqualTo(admin[0]);
    assertThat(events.stream().filter(o -> ((JsonObject) o).getString("type").equals("server.ide-opened-by-admin")).count())
        .as("only the administrator's opening is recorded").isEqualTo(1);
    // the customer learns an administrator entered their IDE; the reason stays an operators' note
    assertThat(texts(ops.json(customer[1], "/api/servers/" + serverId + "/timeline").getJsonArray("events")))
        .contains("IDE opened by an administrator").noneMatch(t -> t.contains("build hangs"));
  }

  @Test
  void aVelocityResyncNeedsAReasonThatEachRegisteredGameServersTimelineTells() throws Exception {
    String[] customer = ops.customer();
    String[] admin = ops.administrator();
    String serverId = ops.runningGameServer(customer[1]);
    HttpResponse<String> without = ops.node.send(admin[1], "POST", "/api/velocity/resync", null);
    assertThat(without.statusCode()).as(without.body()).isEqualTo(400);
    assertThat(ops.node.send(customer[1], "POST", "/api/velocity/resync", null).statusCode()).isEqualTo(403);

    HttpResponse<String> resynced = ops.post(admin[1], "/api/velocity/resync", new JsonObject().put("reason", "Velocity restarted at 03:00"));
    assertThat(resynced.statusCode()).as(resynced.body()).isEqualTo(200);
    JsonArray events = ops.json(admin[1], "/api/admin/timeline?stream=server:" + serverId).getJsonArray("events");
    JsonObject entry = entry(events, "server.velocity-resync-requested");
    assertThat(entry.getString("text")).isEqualTo("registered with Velocity again by hand: Velocity restarted at 03:00");
    assertThat(entry.getJsonObject("cause").getString("adminId")).isEqualTo(admin[0]);
    assertThat(events.stream().filter(o -> ((JsonObject) o).getString("type").equals("server.velocity-resync-requested")).count())
        .as("the refused resync recorded nothing").isEqualTo(1);
    assertThat(texts(ops.json(customer[1], "/api/servers/" + serverId + "/timeline").getJsonArray("events")))
        .noneMatch(t -> t.contains("Velocity"));
  }

  @Test
  void gamePowerByAnAdministratorKeepsTheReasonAndACustomersReasonIsIgnored() throws Exception {
    String[] customer = ops.customer();
    String[] admin = ops.administrator();
    String serverId = ops.runningGameServer(customer[1]);
    HttpResponse<String> byAdmin = ops.post(admin[1], "/api/servers/" + serverId + "/game/restart",
        new JsonObject().put("reason", "hung on world load"));
    assertThat(byAdmin.statusCode()).as(byAdmin.body()).isEqualTo(202);
    // one agent action at a time: each next one waits until the one before has ended (409 meanwhile)
    HttpResponse<String> byCustomer = whenIdle(() -> ops.post(customer[1], "/api/servers/" + serverId + "/game/stop",
        new JsonObject().put("reason", "admin: pretending")));
    assertThat(byCustomer.statusCode()).as(byCustomer.body()).isEqualTo(202);
    HttpResponse<String> noBody = whenIdle(() -> ops.node.send(customer[1], "POST", "/api/servers/" + serverId + "/game/start", null));
    assertThat(noBody.statusCode()).as("a body stays optional: " + noBody.body()).isEqualTo(202);

    List<String> operators = texts(ops.json(admin[1], "/api/admin/timeline?stream=server:" + serverId).getJsonArray("events"));
    assertThat(operators).contains("game-restart requested by hand: hung on world load", "game-stop requested", "game-start requested")
        .noneMatch(t -> t.contains("pretending"));
    assertThat(texts(ops.json(customer[1], "/api/servers/" + serverId + "/timeline").getJsonArray("events")))
        .contains("game-restart requested").noneMatch(t -> t.contains("world load"));
  }

  private interface Call {
    HttpResponse<String> send() throws Exception;
  }

  private static HttpResponse<String> whenIdle(Call call) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    HttpResponse<String> answer = call.send();
    while (answer.statusCode() == 409 && answer.body().contains("agent-busy") && System.nanoTime() < deadline) {
      Thread.sleep(200);
      answer = call.send();
    }
    return answer;
  }
}
