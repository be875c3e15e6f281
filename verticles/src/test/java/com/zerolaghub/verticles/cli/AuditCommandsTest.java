package com.zerolaghub.verticles.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.core.audit.Ed25519Keys;
import com.zerolaghub.events.AppendSignal;
import com.zerolaghub.events.DomainEvent;
import com.zerolaghub.events.EventCodec;
import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.events.EventType;
import com.zerolaghub.events.ExpectedVersion;
import com.zerolaghub.events.NewEvent;
import com.zerolaghub.events.impl.PgEventStore;
import com.zerolaghub.events.StreamId;
import com.zerolaghub.events.testing.TestPostgres;
import com.zerolaghub.events.testing.TestRedis;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@DisplayName("zlh audit export / verify")
class AuditCommandsTest {
  @EventType(name = "server.requested")
  record ServerRequested(String serverId, String ownerId) implements DomainEvent {}

  @EventType(name = "server.host-started")
  record HostStarted(String serverId) implements DomainEvent {}

  @EventType(name = "account.touched")
  record Touched(String userId, String note) implements DomainEvent {}

  @EventType(name = "billing.stripe-event-recorded")
  record StripeRecorded(String stripeEventId, String accountId) implements DomainEvent {}

  @TempDir static Path dir;
  static Path config;
  static Path key;
  static Path pub;
  static PgEventStore store;
  static final String FROM = "2000-01-01T00:00:00Z";
  static final String TO = "2100-01-01T00:00:00Z";

  @BeforeAll
  static void log(Vertx vertx) throws Exception {
    TestPostgres.Database db = TestPostgres.freshDatabase();
    Pool pool = PgBuilder.pool().connectingTo(db.connectOptions()).using(vertx).build();
    store = new PgEventStore(pool, new EventCodec().register(ServerRequested.class, HostStarted.class, Touched.class,
        StripeRecorded.class), new AppendSignal(), null, new SimpleMeterRegistry());
    append("account", "u1", new Touched("u1", "registered, with a \"quote\", and a comma"));
    append("account", "u2", new Touched("u2", "someone else"));
    append("server", "s1", new ServerRequested("s1", "u1"));
    append("server", "s2", new ServerRequested("s2", "u2"));
    append("server", "s1", new HostStarted("s1"));
    append("server", "s2", new HostStarted("s2"));
    append("stripe-event", "evt_1", new StripeRecorded("evt_1", "u1"));
    append("stripe-event", "evt_2", new StripeRecorded("evt_2", "u2"));
    append("account", "u1", new Touched("u1", "=cmd|' /C calc'!A0"));
    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    key = Files.writeString(dir.resolve("audit-key.pem"), Ed25519Keys.pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
    pub = Files.writeString(dir.resolve("audit-pub.pem"), Ed25519Keys.pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    config = Files.writeString(dir.resolve("zlh.yaml"), "db:\n  host: localhost\n  port: " + db.port() + "\n  database: "
        + db.name() + "\n  user: " + db.user() + "\n  password: " + db.password() + "\nredis:\n  uri: " + TestRedis.uri()
        + "\nbilling:\n  auditKeyPath: " + key + "\n  auditKeyId: test-key\n");
  }

  static void append(String type, String id, DomainEvent e) throws Exception {
    store.append(StreamId.of(type, id), ExpectedVersion.ANY, List.of(NewEvent.of(e, EventMetadata.system("user:" + id))))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  static ZlhCommandTest.Result export(String... extra) {
    List<String> args = new ArrayList<>(List.of("audit", "export", "--config", config.toString(),
        "--account", "u1", "--from", FROM, "--to", TO));
    args.addAll(List.of(extra));
    return ZlhCommandTest.run(args.toArray(String[]::new));
  }

  @Test
  void anExportHoldsTheAccountsStreamsOwnedServersAndStripeEventsAndVerifies() throws Exception {
    Path out = dir.resolve("u1.ndjson");
    ZlhCommandTest.Result r = export("--out", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    List<String> lines = Files.readAllLines(out);
    assertThat(new JsonObject(lines.get(0)).getString("account")).isEqualTo("u1");
    assertThat(lines.subList(1, lines.size() - 1)).extracting(l -> {
      JsonObject j = new JsonObject(l);
      return j.getString("streamType") + "/" + j.getString("streamId") + " " + j.getString("type");
    }).containsExactly("account/u1 account.touched", "server/s1 server.requested", "server/s1 server.host-started",
        "stripe-event/evt_1 billing.stripe-event-recorded", "account/u1 account.touched");
    assertThat(new JsonObject(lines.get(lines.size() - 1)).getString("keyId")).isEqualTo("test-key");

    ZlhCommandTest.Result ok = ZlhCommandTest.run("audit", "verify", out.toString(), "--pubkey", pub.toString());
    assertThat(ok.code()).as(ok.out() + ok.err()).isZero();
    assertThat(ok.out().strip()).isEqualTo("OK: 5 events, hash chain and signature valid");
  }

  @Test
  void changingOneByteMakesVerifyFailAtThatLine() throws Exception {
    Path out = dir.resolve("u1-tampered.ndjson");
    assertThat(export("--out", out.toString()).code()).isZero();
    byte[] bytes = Files.readAllBytes(out);
    String text = new String(bytes, StandardCharsets.UTF_8);
    int at = text.indexOf("server.host-started") + 7; // inside line 4
    bytes[at] = (byte) (bytes[at] == 'X' ? 'Y' : 'X');
    Files.write(out, bytes);
    ZlhCommandTest.Result bad = ZlhCommandTest.run("audit", "verify", out.toString(), "--pubkey", pub.toString());
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.out()).startsWith("line 4: ");
  }

  @Test
  void toStdoutTheBytesAreTheSignedOnes() throws Exception {
    ZlhCommandTest.Result r = export();
    assertThat(r.code()).as(r.err()).isZero();
    Path copy = Files.writeString(dir.resolve("stdout.ndjson"), r.out(), StandardCharsets.UTF_8);
    assertThat(ZlhCommandTest.run("audit", "verify", copy.toString(), "--pubkey", pub.toString()).code()).isZero();
  }

  @Test
  void csvIsASpreadsheetViewWithQuotedCells() {
    ZlhCommandTest.Result r = export("--format", "csv");
    assertThat(r.code()).as(r.err()).isZero();
    String[] rows = r.out().strip().split("\\R");
    assertThat(rows[0]).isEqualTo("position,time,stream,type,actor,summary");
    assertThat(rows).hasSize(6);
    assertThat(rows[1]).contains(",account/u1,account.touched,user:u1,\"{").contains("\"\"userId\"\": \"\"u1\"\"");
    assertThat(r.out()).doesNotContain("u2");
  }

  @Test
  void badArgumentsAreUsageErrors() {
    assertThat(ZlhCommandTest.run("audit", "export", "--config", config.toString(), "--account", "u1", "--from", TO,
        "--to", FROM).code()).isEqualTo(2);
    assertThat(export("--format", "xml").code()).isEqualTo(2);
  }

}
