package com.zerolaghub.verticles.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.events.AppendSignal;
import com.zerolaghub.events.EventCodec;
import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.events.ExpectedVersion;
import com.zerolaghub.events.NewEvent;
import com.zerolaghub.events.impl.PgEventStore;
import com.zerolaghub.events.RecordedEvent;
import com.zerolaghub.events.StreamId;
import com.zerolaghub.events.testing.TestPostgres;
import com.zerolaghub.events.testing.TestRedis;
import com.zerolaghub.verticles.testing.Pinged;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@DisplayName("zlh events export / tail read the log of the configured database")
class EventsCommandsTest {
  private static TestPostgres.Database db;
  private static PgEventStore store;
  private static final List<RecordedEvent> appended = new ArrayList<>();
  @TempDir static Path dir;
  private static Path config;

  @BeforeAll
  static void logOfFiveEvents(Vertx vertx) throws Exception {
    db = TestPostgres.freshDatabase();
    Pool pool = PgBuilder.pool().connectingTo(db.connectOptions()).using(vertx).build();
    store = new PgEventStore(pool, new EventCodec().register(Pinged.class), new AppendSignal(), null, new SimpleMeterRegistry());
    for (int i = 1; i <= 5; i++) appended.add(append(i));
    config = Files.writeString(dir.resolve("zlh.yaml"), "db:\n  host: localhost\n  port: " + db.port() + "\n  database: "
        + db.name() + "\n  user: " + db.user() + "\n  password: " + db.password() + "\nredis:\n  uri: " + TestRedis.uri() + "\n");
  }

  @Test
  void exportWritesTheRangeAsOneJsonObjectPerLineInPositionOrder() throws Exception {
    Path out = dir.resolve("export.ndjson");
    long from = appended.get(1).position();
    long to = appended.get(3).position();
    ZlhCommandTest.Result r = ZlhCommandTest.run("events", "export", "--config", config.toString(),
        "--from", Long.toString(from), "--to", Long.toString(to), "--out", out.toString());

    assertThat(r.code()).as(r.err()).isZero();
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(3);
    for (int i = 0; i < 3; i++) {
      JsonObject line = new JsonObject(lines.get(i));
      RecordedEvent expected = appended.get(i + 1);
      assertThat(line.getLong("position")).isEqualTo(expected.position());
      assertThat(line.getString("checkpoint")).isEqualTo(expected.checkpoint().toString());
      assertThat(line.getString("eventId")).isEqualTo(expected.eventId().toString());
      assertThat(line.getString("streamType")).isEqualTo("test");
      assertThat(line.getString("type")).isEqualTo("test.pinged");
      assertThat(line.getJsonObject("payload")).isEqualTo(new JsonObject().put("n", i + 2));
      assertThat(line.getJsonObject("metadata").getString("actor")).isEqualTo("system:test");
    }
    assertThat(r.err()).contains("exported 3 events");
  }

  @Test
  void exportWithoutOutWritesToStdout() {
    String fifth = Long.toString(appended.get(4).position());
    ZlhCommandTest.Result r = ZlhCommandTest.run("events", "export", "--config", config.toString(), "--from", fifth, "--to", fifth);
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out().strip().split("\n")).hasSize(1);
    assertThat(new JsonObject(r.out().strip()).getJsonObject("payload").getInteger("n")).isEqualTo(5);
  }

  @Test
  void tailFromTheStartPrintsTheLogInCommitOrder() {
    ZlhCommandTest.Result r = ZlhCommandTest.run("events", "tail", "--config", config.toString(), "--from-start", "--limit", "5");
    assertThat(r.code()).as(r.err()).isZero();
    String[] lines = r.out().strip().split("\n");
    assertThat(lines).hasSize(5);
    for (int i = 0; i < 5; i++) {
      assertThat(new JsonObject(lines[i]).getString("eventId")).isEqualTo(appended.get(i).eventId().toString());
    }
  }

  @Test
  void tailWaitsForTheNextAppend() throws Exception {
    String after = appended.get(appended.size() - 1).checkpoint().toString();
    CompletableFuture<ZlhCommandTest.Result> tail = CompletableFuture.supplyAsync(() ->
        ZlhCommandTest.run("events", "tail", "--config", config.toString(), "--after", after, "--limit", "1"));
    RecordedEvent next = append(6);
    ZlhCommandTest.Result r = tail.get(20, TimeUnit.SECONDS);
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(new JsonObject(r.out().strip()).getString("eventId")).isEqualTo(next.eventId().toString());
  }

  private static RecordedEvent append(int n) throws Exception {
    return store.append(StreamId.of("test", "cli"), ExpectedVersion.ANY,
            List.of(NewEvent.of(new Pinged(n), EventMetadata.system("system:test"))))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).events().get(0);
  }
}
