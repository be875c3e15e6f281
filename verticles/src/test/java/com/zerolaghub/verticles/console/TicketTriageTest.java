package com.zerolaghub.verticles.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.core.infra.agent.CrashClassification;
import com.zerolaghub.core.servers.ServerStreams;
import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.events.ExpectedVersion;
import com.zerolaghub.events.NewEvent;
import com.zerolaghub.events.servers.HostAction;
import com.zerolaghub.events.servers.ServerEvent.HostActionFailed;
import com.zerolaghub.events.servers.ServerEvent.HostActionRequested;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Triage beside a ticket: the customer's servers, live, with their last crash, failed operation and findings")
class TicketTriageTest {
  private static Operators ops;

  @BeforeAll
  static void start() throws Exception {
    ops = Operators.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (ops != null) ops.close();
  }

  @Test
  void aTicketsTriageShowsACrashedServersLiveStatusLastCrashLastFailedOperationAndOpenFinding() throws Exception {
    String[] customer = ops.customer();
    String[] admin = ops.administrator();
    String healthy = ops.runningDevServer(customer[1]);
    HttpResponse<String> created = ops.post(customer[1], "/api/instances", new JsonObject().put("type", "game").put("name", "crashy")
        .put("variant", "vanilla").put("plan", "game-4g"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
    String crashy = new JsonObject(created.body()).getString("serverId");
    Operators.eventually("game server running",
        () -> "running".equals(ops.json(customer[1], "/api/servers/" + crashy).getString("lifecycle")));
    int vmid = ops.json(customer[1], "/api/servers/" + crashy).getInteger("vmid");

    // An earlier restart that failed, as the operations worker records one.
    String operationId = UUID.randomUUID().toString();
    ops.node.platform.context().store().append(ServerStreams.server(crashy), ExpectedVersion.ANY, List.of(
            NewEvent.of(new HostActionRequested(crashy, customer[0], operationId, HostAction.RESTART, Instant.now()),
                EventMetadata.system("user:" + customer[0])),
            NewEvent.of(new HostActionFailed(crashy, operationId, HostAction.RESTART, "the agent did not come back", null,
                Instant.now()), EventMetadata.system("system:operations-worker"))))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    ops.node.sims().proxmox().agent(vmid).orElseThrow()
        .crashGame(CrashClassification.OOM, 137, null, List.of("java.lang.OutOfMemoryError"));
    HttpResponse<String> ticket = ops.post(customer[1], "/api/support/create", new JsonObject().put("subject", "server down")
        .put("message", "it stopped").put("category", "technical").put("serverId", crashy));
    assertThat(ticket.statusCode()).as(ticket.body()).isEqualTo(201);
    String ticketId = new JsonObject(ticket.body()).getString("ticketId");

    JsonObject[] triaged = new JsonObject[1];
    Operators.eventually("the crash found by the controller", () -> {
      triaged[0] = server(ops.json(admin[1], "/api/admin/support/tickets/" + ticketId + "/triage"), crashy);
      return !triaged[0].getJsonArray("openFindings").isEmpty();
    });
    JsonObject triage = ops.json(admin[1], "/api/admin/support/tickets/" + ticketId + "/triage");
    assertThat(triage.getJsonObject("ticket").getString("accountId")).isEqualTo(customer[0]);
    assertThat(triage.getJsonObject("ticket").getString("status")).isEqualTo("open");
    JsonObject c = server(triage, crashy);
    assertThat(c.getJsonObject("status").getJsonObject("game").getString("state")).isEqualTo("crashed");
    assertThat(c.getJsonObject("lastCrash").getString("classification")).isEqualTo("oom");
    assertThat(c.getJsonObject("lastFailedOperation").getString("operationId")).isEqualTo(operationId);
    assertThat(c.getJsonObject("lastFailedOperation").getString("reason")).isEqualTo("the agent did not come back");
    assertThat(c.getJsonArray("openFindings").getJsonObject(0).getString("kind")).isEqualTo("game-crashed");
    JsonObject h = server(triage, healthy);
    assertThat(h.getJsonObject("status").getBoolean("ready")).isTrue();
    assertThat(h.getValue("lastCrash")).isNull();
    assertThat(h.getValue("lastFailedOperation")).isNull();
    assertThat(h.getJsonArray("openFindings")).isEmpty();

    assertThat(ops.get(customer[1], "/api/admin/support/tickets/" + ticketId + "/triage").statusCode()).isEqualTo(403);
    assertThat(ops.get(admin[1], "/api/admin/support/tickets/no-such-ticket/triage").statusCode()).isEqualTo(404);
  }

  private static JsonObject server(JsonObject triage, String serverId) {
    return triage.getJsonArray("servers").stream().map(JsonObject.class::cast).filter(s -> s.getString("serverId").equals(serverId))
        .findFirst().orElseThrow(() -> new AssertionError(serverId + " not in " + triage.encodePrettily()));
  }
}
