package com.zerolaghub.verticles.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.core.audit.Ed25519Keys;
import com.zerolaghub.verticles.config.ProxyConfig;
import com.zerolaghub.verticles.testing.Administrator;
import com.zerolaghub.verticles.testing.WiredNode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real answers of a populated node, checked against the contract they are documented by. */
@DisplayName("answers conform to the contract")
class ContractConformanceTest {
  /** Read operations served outside the sweep: a WebSocket. */
  private static final Set<String> NOT_SWEPT = Set.of("liveEvents");

  @TempDir static Path dir;
  private static WiredNode node;
  private static Vertx vertx;
  private static ContractResponses contract;
  private static String owner;
  private static String ownerId;
  private static String admin;
  private static String gameId;
  private static String devId;
  private static String operationId;
  private static int vmid;
  private static String ticketId;

  @BeforeAll
  static void populate() throws Exception {
    Path auditKey = dir.resolve("audit-key.pem");
    Files.writeString(auditKey, Ed25519Keys.pem("PRIVATE KEY", KeyPairGenerator.getInstance("Ed25519").generateKeyPair()
        .getPrivate().getEncoded()));
    node = WiredNode.start(Clock.systemUTC(), "http://127.0.0.1:9", Duration.ofDays(3), Duration.ofDays(7),
        ProxyConfig.builder().port(0).host("127.0.0.1").build(),
        config -> config.with(c -> c.billing(b -> b.auditKeyPath(auditKey.toString()).auditKeyId("k1"))));
    vertx = Vertx.vertx();
    contract = ContractResponses.load(vertx);
    admin = Administrator.create(node, dir, "sweepops");
    String[] customer = node.signUp();
    ownerId = customer[0];
    owner = customer[1];
    JsonObject game = created(new JsonObject().put("type", "game").put("name", "sweep").put("variant", "vanilla").put("plan", "game-4g"));
    gameId = game.getString("serverId");
    operationId = game.getString("operationId");
    devId = created(new JsonObject().put("type", "dev").put("name", "sweep-dev").put("runtime", "node").put("version", "22")
        .put("codeServer", true)).getString("serverId");
    vmid = new JsonObject(node.send(owner, "GET", "/api/servers/" + gameId, null).body()).getInteger("vmid");
    node.send(owner, "PUT", "/api/servers/" + gameId + "/notes", new JsonObject().put("text", "op list").put("version", 0));
    node.send(owner, "POST", "/api/servers/" + gameId + "/backups", null);
    HttpResponse<String> ticket = node.send(owner, "POST", "/api/support/create", new JsonObject().put("subject", "lag")
        .put("message", "the world stutters").put("category", "technical").put("serverId", gameId));
    assertThat(ticket.statusCode()).as(ticket.body()).isEqualTo(201);
    ticketId = new JsonObject(ticket.body()).getString("ticketId");
    node.send(admin, "POST", "/api/admin/announcements", new JsonObject().put("message", "maintenance at noon").put("severity", "info"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (vertx != null) vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    if (node != null) node.close();
  }

  @Test
  @DisplayName("every read operation answers a body its schema accepts")
  void everyReadOperationAnswersWhatItsSchemaSays() throws Exception {
    List<String> wrong = new ArrayList<>();
    int swept = 0;
    for (Map.Entry<String, String[]> op : contract.operations().entrySet()) {
      String id = op.getKey();
      if (!"GET".equals(op.getValue()[0]) || NOT_SWEPT.contains(id)) continue;
      String path = concrete(id, op.getValue()[1]);
      String token = path.startsWith("/api/admin/") ? admin : owner;
      HttpResponse<String> r = node.send(token, "GET", path, null);
      swept++;
      // the summary needs a Prometheus, which this node has not: its documented 503 is the answer
      boolean expected = r.statusCode() < 400 || (id.equals("serverMetricsSummary") && r.statusCode() == 503);
      if (!expected) wrong.add(id + " GET " + path + " answered " + r.statusCode() + ": " + r.body());
      contract.violation(id, r).ifPresent(wrong::add);
    }
    assertThat(swept).isGreaterThan(25);
    assertThat(wrong).isEmpty();
  }

  @Test
  @DisplayName("each operation is as open as the contract says; refusals are problems with instance and requestId")
  void securityAsDeclaredAndRefusalsAreProblems() throws Exception {
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, String[]> op : contract.operations().entrySet()) {
      String id = op.getKey();
      String method = op.getValue()[0];
      boolean secured = Boolean.parseBoolean(op.getValue()[2]);
      if (NOT_SWEPT.contains(id) || (!"GET".equals(method) && !"DELETE".equals(method))) continue;
      HttpResponse<String> r = node.send(null, method, concrete(id, op.getValue()[1]), null);
      if (secured && r.statusCode() != 401) wrong.add(id + " is declared secured but answered " + r.statusCode() + " without a session");
      if (!secured && r.statusCode() == 401) wrong.add(id + " is declared open (security: []) but answered 401");
      if (r.statusCode() >= 400) contract.violation(id, r).ifPresent(wrong::add);
    }
    HttpResponse<String> customerOnAdmin = node.send(owner, "GET", "/api/admin/accounts", null);
    assertThat(customerOnAdmin.statusCode()).isEqualTo(403);
    contract.violation("listAccounts", customerOnAdmin).ifPresent(wrong::add);
    HttpResponse<String> missing = node.send(owner, "GET", "/api/servers/no-such-server", null);
    assertThat(missing.statusCode()).isEqualTo(404);
    contract.violation("getServer", missing).ifPresent(wrong::add);
    assertThat(wrong).isEmpty();
  }

  private static String concrete(String operationId, String template) {
    String server = operationId.equals("openIde") ? devId : gameId;
    String path = template.replace("{serverId}", server).replace("{operationId}", ContractConformanceTest.operationId)
        .replace("{vmid}", Integer.toString(vmid)).replace("{name}", "servers");
    path = path.replace("/api/servers/{id}/notes", "/api/servers/" + gameId + "/notes").replace("{id}", ticketId)
        .replace("{userId}", ownerId).replace("{position}", "1");
    return switch (operationId) {
      case "adminTimeline" -> path + "?stream=server:" + gameId;
      case "exportAudit" -> path + "?account=" + ownerId + "&from=" + enc(Instant.now().minusSeconds(3600).toString())
          + "&to=" + enc(Instant.now().plusSeconds(60).toString());
      case "readFile" -> path + "?path=server.properties";
      default -> path;
    };
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static JsonObject created(JsonObject body) throws Exception {
    HttpResponse<String> r = node.send(owner, "POST", "/api/instances", body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    JsonObject accepted = new JsonObject(r.body());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      String status = new JsonObject(node.send(owner, "GET", "/api/operations/" + accepted.getString("operationId"), null).body())
          .getString("status");
      if ("succeeded".equals(status)) return accepted;
      assertThat(status).isNotEqualTo("failed");
      assertThat(System.nanoTime()).isLessThan(deadline);
      Thread.sleep(50);
    }
  }
}
