package com.zerolaghub.verticles.servers;

import static com.zerolaghub.verticles.servers.ServersNode.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("a customer sees and touches only their own servers")
class OwnershipTest {
  private static ServersNode node;
  private static String owner;
  private static String serverId;
  private static String operationId;

  @BeforeAll
  static void start() throws Exception {
    node = ServersNode.start();
    owner = ServersNode.newUser();
    JsonObject accepted = node.create(owner, ServersNode.game("private"));
    serverId = accepted.getString("serverId");
    operationId = accepted.getString("operationId");
    node.awaitFinished(owner, operationId, 20);
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  @Test
  @DisplayName("every server endpoint answers 404 to another customer, and nothing happens")
  void nonOwnerGetsNotFoundEverywhere() throws Exception {
    String stranger = ServersNode.newUser();
    String s = "/api/servers/" + serverId;
    List<String[]> calls = List.of(
        new String[] {"GET", s, null},
        new String[] {"GET", s + "/status", null},
        new String[] {"DELETE", s, null},
        new String[] {"POST", s + "/host/stop", null},
        new String[] {"POST", s + "/host/start", null},
        new String[] {"POST", s + "/host/restart", null},
        new String[] {"POST", s + "/game/stop", null},
        new String[] {"POST", s + "/game/start", null},
        new String[] {"POST", s + "/game/restart", null},
        new String[] {"POST", s + "/game/command", "{\"command\":\"op stranger\"}"},
        new String[] {"GET", s + "/files?path=/", null},
        new String[] {"GET", s + "/files/content?path=server.properties", null},
        new String[] {"POST", s + "/backups", null},
        new String[] {"GET", s + "/backups", null},
        new String[] {"POST", s + "/backups/b-1/restore", null},
        new String[] {"POST", "/api/dev/" + serverId + "/codeserver/start", null},
        new String[] {"GET", "/api/operations/" + operationId, null});
    for (String[] c : calls) {
      HttpResponse<String> r = node.send(stranger, c[0], c[1], c[2]);
      assertThat(r.statusCode()).as(c[0] + " " + c[1] + ": " + r.body()).isEqualTo(404);
      assertThat(r.body()).doesNotContain(owner);
    }
    HttpResponse<byte[]> upload = node.sendBytes(stranger, "PUT", s + "/files/content?path=evil.txt",
        HttpRequest.BodyPublishers.ofString("x"), "application/octet-stream");
    assertThat(upload.statusCode()).isEqualTo(404);
    assertThat(json(node.get(stranger, "/api/servers")).getJsonArray("servers")).isEmpty();
    assertThat(json(node.get(owner, s)).getString("lifecycle")).isEqualTo("running");
  }

  @Test
  @DisplayName("an owner id in the body is rejected and never used")
  void ownerInBodyIsRejected() throws Exception {
    String attacker = ServersNode.newUser();
    HttpResponse<String> r = node.send(attacker, "POST", "/api/instances",
        new JsonObject(ServersNode.game("stolen")).put("ownerId", owner).encode());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("ownerId");
    Thread.sleep(200); // nothing to await: the point is that nothing appears
    assertThat(json(node.get(owner, "/api/servers")).getJsonArray("servers").encode()).doesNotContain("stolen");
  }

  @Test
  @DisplayName("without sign-in every server endpoint answers 401")
  void anonymousIsUnauthorized() throws Exception {
    assertThat(node.get(null, "/api/servers").statusCode()).isEqualTo(401);
    assertThat(node.get(null, "/api/servers/" + serverId).statusCode()).isEqualTo(401);
    assertThat(node.send(null, "POST", "/api/instances", ServersNode.game("anon")).statusCode()).isEqualTo(401);
  }

  @Test
  @DisplayName("an admin sees every server and may resync Velocity; a customer may not")
  void adminSeesAll() throws Exception {
    assertThat(node.asAdmin("GET", "/api/servers/" + serverId, null).statusCode()).isEqualTo(200);
    ServersNode.eventually("admin listing", 5, () ->
        assertThat(json(node.asAdmin("GET", "/api/servers", null)).getJsonArray("servers").encode()).contains(serverId));
    assertThat(node.send(owner, "POST", "/api/velocity/resync", null).statusCode()).isEqualTo(403);
  }
}
