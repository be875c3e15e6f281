package com.zerolaghub.verticles.servers;

import static com.zerolaghub.verticles.servers.ServersNode.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("creates are idempotent by key and held to the plan's server limit")
class CreateIdempotencyAndQuotaTest {
  private static ServersNode node;

  @BeforeAll
  static void start() throws Exception {
    node = ServersNode.start();
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  @Test
  @DisplayName("20 concurrent creates with one Idempotency-Key make one operation and one clone")
  void concurrentRetriesShareOneOperation() throws Exception {
    String user = ServersNode.newUser();
    node.awaitIdle();
    int clonesBefore = node.sims().proxmox().cloneCount();
    ExecutorService pool = Executors.newFixedThreadPool(20);
    try {
      List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        calls.add(() -> node.send(user, "POST", "/api/instances", ServersNode.game("retry"), "Idempotency-Key", "key-1"));
      }
      Set<String> operations = new HashSet<>();
      Set<String> servers = new HashSet<>();
      for (Future<HttpResponse<String>> f : pool.invokeAll(calls)) {
        HttpResponse<String> r = f.get();
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        operations.add(json(r).getString("operationId"));
        servers.add(json(r).getString("serverId"));
      }
      assertThat(operations).hasSize(1);
      assertThat(servers).hasSize(1);
      JsonObject op = node.awaitFinished(user, operations.iterator().next(), 20);
      assertThat(op.getString("status")).isEqualTo("succeeded");
      assertThat(node.sims().proxmox().cloneCount() - clonesBefore).isEqualTo(1);

      HttpResponse<String> again = node.send(user, "POST", "/api/instances", ServersNode.game("retry"), "Idempotency-Key", "key-1");
      assertThat(again.statusCode()).isEqualTo(202);
      assertThat(json(again).getString("operationId")).isEqualTo(operations.iterator().next());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @DisplayName("the same key with a different body is refused with 422")
  void reusedKeyWithAnotherBody() throws Exception {
    String user = ServersNode.newUser();
    node.create(user, ServersNode.dev("first", false), "Idempotency-Key", "k");
    HttpResponse<String> r = node.send(user, "POST", "/api/instances", ServersNode.dev("second", false), "Idempotency-Key", "k");
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(json(r).getString("type")).endsWith("/idempotency-key-reused");
  }

  @Test
  @DisplayName("a key is per account: another user's identical request creates their own server")
  void keysArePerAccount() throws Exception {
    JsonObject a = node.create(ServersNode.newUser(), ServersNode.dev("mine", false), "Idempotency-Key", "shared");
    JsonObject b = node.create(ServersNode.newUser(), ServersNode.dev("mine", false), "Idempotency-Key", "shared");
    assertThat(a.getString("serverId")).isNotEqualTo(b.getString("serverId"));
  }

  @Test
  @DisplayName("the starter plan's fourth server is refused with 409 naming the limit")
  void quotaNamesTheLimit() throws Exception {
    String user = ServersNode.newUser();
    for (int i = 0; i < 3; i++) node.create(user, ServersNode.dev("box-" + i, false));
    HttpResponse<String> r = node.send(user, "POST", "/api/instances", ServersNode.dev("box-3", false));
    assertThat(r.statusCode()).isEqualTo(409);
    assertThat(json(r).getString("type")).endsWith("/server-quota-exceeded");
    assertThat(json(r).getString("detail")).contains("'starter' plan allows 3 servers");
  }

  @Test
  @DisplayName("invalid fields are answered 400 with each field named")
  void validation() throws Exception {
    String user = ServersNode.newUser();
    HttpResponse<String> r = node.send(user, "POST", "/api/instances",
        new JsonObject().put("type", "game").put("name", "X").put("variant", "nope").put("plan", "game-2g").encode());
    assertThat(r.statusCode()).isEqualTo(400);
    // the contract publishes the name rule (3-32, a DNS label) and refuses it before the catalog is consulted
    assertThat(json(r).getJsonArray("errors").encode()).contains("\"name\"");
    HttpResponse<String> variant = node.send(user, "POST", "/api/instances",
        new JsonObject().put("type", "game").put("name", "abc").put("variant", "nope").put("plan", "nope").encode());
    assertThat(variant.statusCode()).isEqualTo(400);
    assertThat(json(variant).getJsonArray("errors").encode()).contains("\"variant\"").contains("\"plan\"");
    HttpResponse<String> mixed = node.send(user, "POST", "/api/instances",
        new JsonObject().put("type", "dev").put("name", "abc").put("runtime", "go").put("version", "1.23").put("plan", "game-2g").encode());
    assertThat(mixed.statusCode()).isEqualTo(400);
    assertThat(json(mixed).getJsonArray("errors").encode()).contains("\"plan\"");
  }
}
