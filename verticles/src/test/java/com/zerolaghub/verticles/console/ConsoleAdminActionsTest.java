package com.zerolaghub.verticles.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
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
    Operators.eventually("host stopped by billing", () -> ops.node.servers.routeTable().current().byServerId(serverId)
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
}
