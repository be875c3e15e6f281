package com.zerolaghub.verticles.servers;

import static com.zerolaghub.verticles.servers.ServersNode.eventually;
import static com.zerolaghub.verticles.servers.ServersNode.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.core.infra.agent.CrashClassification;
import com.zerolaghub.core.servers.ServerStreams;
import com.zerolaghub.core.infra.velocity.VelocityServer;
import com.zerolaghub.core.servers.run.RunnerHooks;
import com.zerolaghub.events.RecordedEvent;
import com.zerolaghub.simulators.FaultPlan;
import com.zerolaghub.verticles.config.ServersConfig;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("game power, console commands, files, backups and Velocity resync go through the agent")
class AgentCallsTest {
  private static ServersNode node;
  private static String user;
  private static String serverId;
  private static int vmid;

  @BeforeAll
  static void start() throws Exception {
    node = ServersNode.start(RunnerHooks.NONE,
        c -> c.with(b -> b.servers(s -> s.uploadLimitBytes(256 * 1024))));
    user = ServersNode.newUser();
    JsonObject server = node.ready(user, ServersNode.game("agentry"));
    serverId = server.getString("serverId");
    vmid = server.getInteger("vmid");
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  private static String path(String rest) {
    return "/api/servers/" + serverId + rest;
  }

  private static List<String> eventTypes() throws Exception {
    return node.platform.context().store().readStream(ServerStreams.server(serverId))
        .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS).stream().map(RecordedEvent::type).toList();
  }

  @Test
  @DisplayName("a file uploaded (streamed, larger than the API's body limit) reads back the same; '..' is refused before the agent is asked")
  void filesRoundTrip() throws Exception {
    byte[] content = "x".repeat(100_000).getBytes(StandardCharsets.UTF_8);
    HttpResponse<byte[]> put = node.sendBytes(user, "PUT", path("/files/content?path=plugins/notes.txt"),
        HttpRequest.BodyPublishers.ofByteArray(content), "application/octet-stream");
    assertThat(put.statusCode()).as(new String(put.body())).isEqualTo(204);
    HttpResponse<byte[]> read = node.sendBytes(user, "GET", path("/files/content?path=plugins/notes.txt"),
        HttpRequest.BodyPublishers.noBody(), null);
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.body()).isEqualTo(content);
    JsonObject listing = json(node.get(user, path("/files?path=plugins")));
    assertThat(listing.getJsonArray("entries").encode()).contains("notes.txt");

    HttpResponse<String> escape = node.get(user, path("/files?path=../../etc"));
    assertThat(escape.statusCode()).isEqualTo(400);
    assertThat(escape.body()).contains("path");
    HttpResponse<byte[]> escapeUpload = node.sendBytes(user, "PUT", path("/files/content?path=a/../../x"),
        HttpRequest.BodyPublishers.ofString("x"), "application/octet-stream");
    assertThat(escapeUpload.statusCode()).isEqualTo(400);
    assertThat(eventTypes()).contains("server.agent-action-requested", "server.agent-action-finished");
  }

  @Test
  @DisplayName("an upload announced over servers.uploadLimitBytes is answered 413 before its body is read, and the connection closed")
  void uploadLimitByLength() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", node.platform.httpPort())) {
      socket.setSoTimeout(10_000);
      String head = "PUT " + path("/files/content?path=big.bin") + " HTTP/1.1\r\nHost: localhost\r\n"
          + HeaderAuthentication.USER + ": " + user + "\r\nContent-Type: application/octet-stream\r\n"
          + "Content-Length: " + (300 * 1024) + "\r\n\r\n";
      socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(answer).startsWith("HTTP/1.1 413").contains("payload-too-large");
    }
  }

  @Test
  @DisplayName("a chunked upload that grows past the limit is cut with 413; no byte past the limit reaches the agent")
  void uploadLimitWhileStreaming() throws Exception {
    HttpResponse<byte[]> big = node.sendBytes(user, "PUT", path("/files/content?path=big.bin"),
        HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[300 * 1024])),
        "application/octet-stream");
    assertThat(big.statusCode()).isEqualTo(413);
    Path kept = node.sims().proxmox().agent(vmid).orElseThrow().root().resolve("big.bin");
    // what the agent keeps of a cut upload is its business (the simulator truncates in place)
    if (Files.exists(kept)) assertThat(Files.size(kept)).isLessThanOrEqualTo(256 * 1024);
  }

  @Test
  @DisplayName("a backup is created, listed and restored; the restore is an event with the backup id")
  void backupsAndAuditedRestore() throws Exception {
    HttpResponse<String> created = node.send(user, "POST", path("/backups"), null);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
    String backupId = json(created).getString("backupId");
    eventually("the backup is listed as completed", 10, () ->
        assertThat(json(node.get(user, path("/backups"))).getJsonArray("backups").encode()).contains(backupId).contains("completed"));
    HttpResponse<String> restored = node.send(user, "POST", path("/backups/" + backupId + "/restore"), null);
    assertThat(restored.statusCode()).as(restored.body()).isEqualTo(202);
    List<RecordedEvent> events = node.platform.context().store().readStream(ServerStreams.server(serverId))
        .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertThat(events).filteredOn(e -> e.type().equals("server.agent-action-requested"))
        .anySatisfy(e -> assertThat(e.payload()).contains("backup-restore").contains(backupId).contains("user:" + user));
    assertThat(events).filteredOn(e -> e.type().equals("server.agent-action-finished"))
        .anySatisfy(e -> assertThat(e.payload()).contains("backup-restore").contains("\"succeeded\": true"));
  }

  @Test
  @DisplayName("game restart and a console command reach the agent; a crash shows in the status with its classification")
  void gamePowerCommandAndCrash() throws Exception {
    eventually("the game runs", 10, () -> assertThat(node.sims().proxmox().agent(vmid).orElseThrow().gameState()).isEqualTo("running"));
    assertThat(node.send(user, "POST", path("/game/command"), "{\"command\":\"say hello\"}").statusCode()).isEqualTo(202);
    assertThat(node.send(user, "POST", path("/game/command"), "{\"command\":\"x\",\"ownerId\":\"someone\"}").statusCode()).isEqualTo(400);
    eventually("the restart is accepted once the game is idle", 10, () ->
        assertThat(node.send(user, "POST", path("/game/restart"), null).statusCode()).isEqualTo(202));

    eventually("the game runs again", 10, () -> assertThat(node.sims().proxmox().agent(vmid).orElseThrow().gameState()).isEqualTo("running"));
    node.sims().proxmox().agent(vmid).orElseThrow().crashGame(CrashClassification.OOM, 137, "SIGKILL", List.of("java.lang.OutOfMemoryError"));
    eventually("the crash shows", 5, () -> {
      JsonObject crash = json(node.get(user, path("/status"))).getJsonObject("lastCrash");
      assertThat(crash).isNotNull();
      assertThat(crash.getString("classification")).isEqualTo("oom");
      assertThat(crash.getInteger("exitCode")).isEqualTo(137);
    });
  }

  @Test
  @DisplayName("an agent that does not answer is reported unreachable, not as an error")
  void unreachableAgentInStatus() throws Exception {
    var agent = node.sims().proxmox().agent(vmid).orElseThrow();
    agent.faults(FaultPlan.none().hanging("/status"));
    try {
      HttpResponse<String> r = node.get(user, path("/status"));
      assertThat(r.statusCode()).isEqualTo(200);
      JsonObject status = json(r);
      assertThat(status.getJsonObject("agent").getString("state")).isEqualTo("unreachable");
      assertThat(status.getBoolean("ready")).isFalse();
      assertThat(status.getJsonObject("host").getString("state")).isEqualTo("running");
    } finally {
      agent.faults(FaultPlan.none());
    }
  }

  @Test
  @DisplayName("after Velocity restarts, a resync registers every running game server again")
  void velocityResync() throws Exception {
    String slug = "agentry-" + vmid;
    node.sims().velocity().restart();
    assertThat(node.sims().velocity().registrations()).extracting(VelocityServer::name).doesNotContain(slug);
    HttpResponse<String> r = node.asAdmin("POST", "/api/velocity/resync", "{\"reason\":\"Velocity restarted\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(json(r).getJsonArray("registered").getList()).contains(slug);
    assertThat(node.sims().velocity().registrations()).extracting(VelocityServer::name).contains(slug);
  }

  @Test
  @DisplayName("the catalog lists variants, plans and runtimes")
  void catalog() throws Exception {
    JsonObject catalog = json(node.get(null, "/api/catalog"));
    assertThat(catalog.getJsonObject("game").getJsonArray("variants").encode()).contains("vanilla");
    assertThat(catalog.getJsonObject("dev").getJsonArray("runtimes").encode()).contains("python").contains("3.12");
    assertThat(ServersConfig.defaults().uploadLimitBytes()).isGreaterThan(0);
  }
}
