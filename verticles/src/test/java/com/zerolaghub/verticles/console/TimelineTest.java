package com.zerolaghub.verticles.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.core.servers.ServerStreams;
import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.events.ExpectedVersion;
import com.zerolaghub.events.NewEvent;
import com.zerolaghub.events.servers.ServerEvent.AgentActionRequested;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The timeline: a subject's events in words, with their causes, for operators and for the owner")
class TimelineTest {
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
  void anAdministratorReadsAServersStoryWithCausesAndRawEventsAndTheOwnerReadsItWithoutAdminIds() throws Exception {
    String[] customer = ops.customer();
    String[] admin = ops.administrator();
    String serverId = ops.runningDevServer(customer[1]);
    HttpResponse<String> stop = ops.node.send(admin[1], "POST", "/api/servers/" + serverId + "/host/stop", null);
    assertThat(stop.statusCode()).as(stop.body()).isEqualTo(202);
    Operators.eventually("host stopped", () -> ops.json(admin[1], "/api/admin/timeline?stream=server:" + serverId)
        .getJsonArray("events").stream().anyMatch(e -> ((JsonObject) e).getString("text").equals("host stopped")));

    JsonObject page = ops.json(admin[1], "/api/admin/timeline?stream=server:" + serverId);
    JsonArray events = page.getJsonArray("events");
    assertThat(page.getString("subject")).isEqualTo("server:" + serverId);
    List<Long> positions = new ArrayList<>();
    events.forEach(e -> positions.add(((JsonObject) e).getLong("position")));
    assertThat(positions).as("newest first").isSortedAccordingTo((a, b) -> Long.compare(b, a));
    JsonObject requested = find(events, "server.requested");
    assertThat(requested.getString("text")).startsWith("dev server \"tl-").endsWith("requested");
    assertThat(requested.getJsonObject("cause").getString("kind")).isEqualTo("customer");
    assertThat(find(events, "server.ready").getJsonObject("cause").getString("kind")).isEqualTo("node");
    JsonObject stopByAdmin = find(events, "server.host-action-requested");
    assertThat(stopByAdmin.getString("text")).isEqualTo("host stop requested");
    assertThat(stopByAdmin.getJsonObject("cause").getString("kind")).isEqualTo("admin");
    assertThat(stopByAdmin.getJsonObject("cause").getString("adminId")).isEqualTo(admin[0]);

    JsonObject raw = ops.json(admin[1], stopByAdmin.getString("raw"));
    assertThat(raw.getString("type")).isEqualTo("server.host-action-requested");
    assertThat(raw.getJsonObject("stream").getString("id")).isEqualTo(serverId);
    assertThat(raw.getJsonObject("payload").getString("action")).isEqualTo("stop");
    assertThat(raw.getJsonObject("metadata").getString("actor")).isEqualTo("user:" + admin[0]);
    assertThat(raw.getLong("version")).isPositive();

    HttpResponse<String> own = ops.get(customer[1], "/api/servers/" + serverId + "/timeline");
    assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
    assertThat(own.body()).doesNotContain(admin[0]).doesNotContain("/api/admin/events");
    JsonObject ownStop = find(new JsonObject(own.body()).getJsonArray("events"), "server.host-action-requested");
    assertThat(ownStop.getJsonObject("cause").getString("text")).isEqualTo("an administrator");
    assertThat(new JsonObject(own.body()).getJsonArray("events").stream()
        .map(e -> ((JsonObject) e).getString("type"))).doesNotContain("server.provisioning-step-started", "server.vmid-claimed");
  }

  @Test
  void customersGetForbiddenFromTheOperatorsTimelineAndNotFoundFromAnothersServer() throws Exception {
    String[] owner = ops.customer();
    String[] stranger = ops.customer();
    String serverId = ops.runningDevServer(owner[1]);
    HttpResponse<String> admin = ops.get(owner[1], "/api/admin/timeline?stream=server:" + serverId);
    assertThat(admin.statusCode()).isEqualTo(403);
    assertThat(admin.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
    assertThat(ops.get(owner[1], "/api/admin/events/1").statusCode()).isEqualTo(403);
    assertThat(ops.get(stranger[1], "/api/servers/" + serverId + "/timeline").statusCode()).isEqualTo(404);
    String[] operator = ops.administrator();
    assertThat(ops.get(operator[1], "/api/admin/timeline?stream=server:nobody-here").statusCode()).isEqualTo(404);
    assertThat(ops.get(operator[1], "/api/admin/timeline?stream=planet:earth").statusCode()).isEqualTo(400);
    assertThat(ops.get(operator[1], "/api/admin/events/999999999").statusCode()).isEqualTo(404);
  }

  @Test
  void anAccountsTimelineTellsItsSessionsInWords() throws Exception {
    String[] customer = ops.customer();
    String[] admin = ops.administrator();
    assertThat(ops.node.send(customer[1], "POST", "/api/auth/logout", null).statusCode()).isEqualTo(204);
    JsonArray events = ops.json(admin[1], "/api/admin/timeline?stream=account:" + customer[0]).getJsonArray("events");
    JsonObject ended = find(events, "account.session-revoked");
    assertThat(ended.getString("text")).isEqualTo("session ended: logout");
    assertThat(ended.getJsonObject("cause").getString("kind")).isEqualTo("customer");
    assertThat(find(events, "account.registered").getString("text")).startsWith("account registered as ");
  }

  @Test
  void theFirstPageOfAServerWithTenThousandEventsOpensInUnderASecondAndPagesOnFromItsCursor() throws Exception {
    String[] customer = ops.customer();
    String[] admin = ops.administrator();
    String serverId = ops.runningDevServer(customer[1]);
    var store = ops.node.platform.context().store();
    int existing = store.readStream(ServerStreams.server(serverId)).toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS).size();
    for (int batch = 0; existing + batch * 500 < 10_000; batch++) {
      List<NewEvent> events = new ArrayList<>();
      for (int i = 0; i < 500 && existing + batch * 500 + i < 10_000; i++) {
        events.add(NewEvent.of(new AgentActionRequested(serverId, "a" + batch + "-" + i, "backup-create", "backup " + i,
            "user:" + customer[0], Instant.now()), EventMetadata.system("user:" + customer[0])));
      }
      store.append(ServerStreams.server(serverId), ExpectedVersion.ANY, events).toCompletionStage().toCompletableFuture()
          .get(30, TimeUnit.SECONDS);
    }
    assertThat(store.readStream(ServerStreams.server(serverId)).toCompletionStage().toCompletableFuture()
        .get(30, TimeUnit.SECONDS)).hasSize(10_000);

    long started = System.nanoTime();
    HttpResponse<String> first = ops.get(admin[1], "/api/admin/timeline?stream=server:" + serverId + "&limit=100");
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(tookMs).as("first page of 10,000 events, ms").isLessThan(1_000);
    System.out.println("timeline bench: first page (100) of a server with 10,000 events through HTTP in " + tookMs + " ms");
    JsonObject page = new JsonObject(first.body());
    assertThat(page.getJsonArray("events")).hasSize(100);
    long next = page.getLong("next");
    assertThat(next).isEqualTo(page.getJsonArray("events").getJsonObject(99).getLong("position"));

    long secondStarted = System.nanoTime();
    JsonObject second = ops.json(admin[1], "/api/admin/timeline?stream=server:" + serverId + "&limit=100&before=" + next);
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - secondStarted)).isLessThan(1_000);
    assertThat(second.getJsonArray("events")).hasSize(100);
    assertThat(second.getJsonArray("events").getJsonObject(0).getLong("position")).isLessThan(next);
    assertThat(second.getJsonArray("events").getJsonObject(0).getString("text")).startsWith("backup-create requested (backup ");

    long ownStarted = System.nanoTime();
    JsonObject own = ops.json(customer[1], "/api/servers/" + serverId + "/timeline?limit=100");
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - ownStarted)).isLessThan(1_000);
    assertThat(own.getJsonArray("events")).hasSize(100);
  }

  @Test
  void theControllersEventsAboutAServerAreFoundThroughTheirOwnIndexNotByReadingEveryRepair() throws Exception {
    String plan = ops.node.platform.context().pool().withTransaction(c -> c.query("SET LOCAL enable_seqscan = off").execute()
            .compose(v -> c.query("EXPLAIN SELECT position FROM event_log WHERE stream_type IN ('drift', 'repair', 'repair-run') "
                + "AND payload->>'serverId' = 'some-server' AND position < 9223372036854775807 ORDER BY position DESC LIMIT 50")
                .execute())
            .map(rows -> {
              StringBuilder b = new StringBuilder();
              rows.forEach(r -> b.append(r.getString(0)).append('\n'));
              return b.toString();
            }))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(plan).contains("event_log_controller_server_idx");
  }

  private static JsonObject find(JsonArray events, String type) {
    return events.stream().map(JsonObject.class::cast).filter(e -> e.getString("type").equals(type)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " in " + events.encodePrettily()));
  }
}
