package com.zerolaghub.verticles.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.core.audit.Ed25519Keys;
import com.zerolaghub.events.AppendSignal;
import com.zerolaghub.events.DomainEvent;
import com.zerolaghub.events.EventCodec;
import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.events.ExpectedVersion;
import com.zerolaghub.events.NewEvent;
import com.zerolaghub.events.impl.PgEventStore;
import com.zerolaghub.events.StreamId;
import com.zerolaghub.events.support.SupportEvent;
import com.zerolaghub.events.support.SupportEvent.TicketClosed;
import com.zerolaghub.events.support.SupportEvent.TicketNumberAllocated;
import com.zerolaghub.events.support.SupportEvent.TicketOpened;
import com.zerolaghub.events.support.SupportEvent.TicketReplied;
import com.zerolaghub.events.testing.TestPostgres;
import com.zerolaghub.events.testing.TestRedis;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** An account's support tickets (opened, replied to, closed) are part of its audit export; other accounts' are not. */
@ExtendWith(VertxExtension.class)
class AuditExportTicketsTest {
  static final Instant T = Instant.parse("2026-12-07T17:40:00Z");
  @TempDir Path dir;
  PgEventStore store;

  @Test
  void theAccountsTicketsAndTheirRepliesAreInItsExport(Vertx vertx) throws Exception {
    TestPostgres.Database db = TestPostgres.freshDatabase();
    Pool pool = PgBuilder.pool().connectingTo(db.connectOptions()).using(vertx).build();
    store = new PgEventStore(pool, new EventCodec().register(SupportEvent.TYPES), new AppendSignal(), null,
        new SimpleMeterRegistry());
    append("ticket-day", "20261207", new TicketNumberAllocated("20261207", 1, "ZLH-20261207-001", "t1", T));
    append("ticket", "t1", new TicketOpened("t1", "ZLH-20261207-001", "u1", "ada@example.com", "Lag", "My server lags",
        null, "technical", T));
    append("ticket", "t2", new TicketOpened("t2", "ZLH-20261207-002", "u2", "bob@example.com", "Other", "Not Ada's",
        null, "billing", T));
    append("ticket", "t1", new TicketReplied("t1", "ZLH-20261207-001", "u1", "ada@example.com", "Fixed?", "admin-1", T));
    append("ticket", "t1", new TicketClosed("t1", "admin-1", T, null));
    append("ticket", "t2", new TicketClosed("t2", "admin-1", T, null));

    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    Path key = Files.writeString(dir.resolve("audit-key.pem"), Ed25519Keys.pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
    Path pub = Files.writeString(dir.resolve("audit-pub.pem"), Ed25519Keys.pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    Path config = Files.writeString(dir.resolve("zlh.yaml"), "db:\n  host: localhost\n  port: " + db.port() + "\n  database: "
        + db.name() + "\n  user: " + db.user() + "\n  password: " + db.password() + "\nredis:\n  uri: " + TestRedis.uri()
        + "\nbilling:\n  auditKeyPath: " + key + "\n");
    Path out = dir.resolve("u1.ndjson");
    ZlhCommandTest.Result r = ZlhCommandTest.run("audit", "export", "--config", config.toString(), "--account", "u1",
        "--from", "2000-01-01T00:00:00Z", "--to", "2100-01-01T00:00:00Z", "--out", out.toString());
    assertThat(r.code()).as(r.err()).isZero();

    List<String> lines = Files.readAllLines(out);
    assertThat(lines.subList(1, lines.size() - 1)).extracting(l -> {
      JsonObject j = new JsonObject(l);
      return j.getString("streamType") + "/" + j.getString("streamId") + " " + j.getString("type");
    }).containsExactly("ticket/t1 support.ticket-opened", "ticket/t1 support.ticket-replied", "ticket/t1 support.ticket-closed");
    assertThat(ZlhCommandTest.run("audit", "verify", out.toString(), "--pubkey", pub.toString()).code()).isZero();
    pool.close();
  }

  private void append(String type, String id, DomainEvent e) throws Exception {
    store.append(StreamId.of(type, id), ExpectedVersion.ANY, List.of(NewEvent.of(e, EventMetadata.system("test"))))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
