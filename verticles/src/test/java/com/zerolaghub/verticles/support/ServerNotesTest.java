package com.zerolaghub.verticles.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.events.testing.TestPostgres;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Server notepad: owner only, empty at version 0, optimistic versions, 64 KiB")
class ServerNotesTest {
  private static SupportNode node;

  @BeforeAll
  static void start() throws Exception {
    node = SupportNode.start(TestPostgres.freshDatabase(), 1);
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  private static String server(Customer owner) throws Exception {
    String id = "srv-" + UUID.randomUUID();
    node.serverOwnedBy(id, owner.id);
    return id;
  }

  @Test
  void anUnsavedNotepadIsEmptyAtVersionZero() throws Exception {
    Customer alice = Customer.signUp(node.port());
    HttpResponse<String> r = alice.get("/api/servers/" + server(alice) + "/notes");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(r.body())).isEqualTo(new JsonObject().put("text", "").put("version", 0));
  }

  @Test
  void savesAdvanceTheVersionAndAStaleTabGets409WithTheCurrentVersion() throws Exception {
    Customer alice = Customer.signUp(node.port());
    String path = "/api/servers/" + server(alice) + "/notes";
    HttpResponse<String> first = alice.put(path, new JsonObject().put("text", "op list: steve").put("version", 0));
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(first.body()).getLong("version")).isEqualTo(1);
    assertThat(alice.put(path, new JsonObject().put("text", "tab A").put("version", 1)).statusCode()).isEqualTo(200);

    HttpResponse<String> stale = alice.put(path, new JsonObject().put("text", "tab B").put("version", 1));
    assertThat(stale.statusCode()).isEqualTo(409);
    JsonObject problem = new JsonObject(stale.body());
    assertThat(problem.getLong("currentVersion")).isEqualTo(2);
    assertThat(problem.getString("currentText")).isEqualTo("tab A");
    assertThat(new JsonObject(alice.get(path).body())).isEqualTo(new JsonObject().put("text", "tab A").put("version", 2));
  }

  @Test
  void aStaleSaveIsAProblemWithItsInstanceAndRequestIdLikeEveryOther() throws Exception {
    Customer alice = Customer.signUp(node.port());
    String path = "/api/servers/" + server(alice) + "/notes";
    assertThat(alice.put(path, new JsonObject().put("text", "tab A").put("version", 0)).statusCode()).isEqualTo(200);

    HttpResponse<String> stale = alice.put(path, new JsonObject().put("text", "tab B").put("version", 0));
    assertThat(stale.statusCode()).isEqualTo(409);
    assertThat(stale.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonObject problem = new JsonObject(stale.body());
    assertThat(problem.getString("instance")).isEqualTo(path);
    assertThat(problem.getString("requestId")).isNotBlank().isEqualTo(stale.headers().firstValue("X-Request-Id").orElseThrow());
    assertThat(problem.getInteger("status")).isEqualTo(409);
  }

  @Test
  void onlyTheOwnerReadsOrWritesAndOthersGetTheMissingServer404() throws Exception {
    Customer alice = Customer.signUp(node.port());
    Customer mallory = Customer.signUp(node.port());
    String path = "/api/servers/" + server(alice) + "/notes";
    assertThat(mallory.get(path).statusCode()).isEqualTo(404);
    assertThat(mallory.put(path, new JsonObject().put("text", "pwned").put("version", 0)).statusCode()).isEqualTo(404);
    assertThat(alice.get("/api/servers/srv-missing/notes").statusCode()).isEqualTo(404);
    assertThat(new JsonObject(alice.get(path).body()).getString("text")).isEmpty();
  }

  @Test
  void textOver64KiBIsRefusedAndLargeTextWithinTheBodyLimitIsKept() throws Exception {
    Customer alice = Customer.signUp(node.port());
    String path = "/api/servers/" + server(alice) + "/notes";
    HttpResponse<String> tooBig = alice.put(path, new JsonObject().put("text", "é".repeat(32 * 1024 + 1)).put("version", 0));
    assertThat(tooBig.statusCode()).isEqualTo(413);
    // The whole request body is bounded by http.bodyLimitBytes (64 KiB by default) as well.
    assertThat(alice.put(path, new JsonObject().put("text", "x".repeat(60_000)).put("version", 0)).statusCode()).isEqualTo(200);
    assertThat(new JsonObject(alice.get(path).body()).getString("text")).hasSize(60_000);
  }
}
