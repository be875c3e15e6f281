package com.zerolaghub.bench;

import com.zerolaghub.core.audit.Ed25519Keys;
import com.zerolaghub.verticles.cli.ZlhCommand;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Comparator;
import java.util.List;

/**
 * {@code zlh audit export} of one account whose streams hold every event of a log of N events
 * (its account and billing streams and 100 servers it requested), against {@code zlh events
 * export} of the same positions, both through the CLI to a file in the same run; best of two.
 */
public final class AuditBenchmark implements Benchmark {
  private final int events;

  public AuditBenchmark() {
    this(1_000_000);
  }

  public AuditBenchmark(int events) {
    this.events = events;
  }

  @Override
  public String name() {
    return "audit";
  }

  @Override
  public String description() {
    return "signed audit export of an account vs events export of the same range, MB/s and events/s (args: [events])";
  }

  @Override
  public void run(List<String> args, PrintWriter out) throws Exception {
    out.println(new AuditBenchmark(args.isEmpty() ? events : Integer.parseInt(args.get(0))).run().encode());
  }

  public JsonObject run() throws Exception {
    Path dir = Files.createTempDirectory("zlh-bench-audit");
    try (BenchDatabase db = new BenchDatabase()) {
      long loadStart = System.nanoTime();
      load(db, events);
      double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
      KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      Path key = Files.writeString(dir.resolve("key.pem"), Ed25519Keys.pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
      Path config = Files.writeString(dir.resolve("zlh.yaml"), "db:\n  host: localhost\n  port: " + db.pg.getPort()
          + "\n  database: postgres\n  user: postgres\n  password: postgres\nbilling:\n  auditKeyPath: " + key + "\n");
      Path auditFile = dir.resolve("audit.ndjson");
      Path eventsFile = dir.resolve("events.ndjson");
      String[] audit = {"audit", "export", "--config", config.toString(), "--account", "u1", "--from", "2000-01-01T00:00:00Z",
          "--to", "2100-01-01T00:00:00Z", "--out", auditFile.toString()};
      String[] plain = {"events", "export", "--config", config.toString(), "--out", eventsFile.toString()};
      double auditSeconds = Double.MAX_VALUE;
      double plainSeconds = Double.MAX_VALUE;
      for (int pass = 0; pass < 3; pass++) { // the first pass warms up
        double a = timed(audit);
        double p = timed(plain);
        if (pass > 0) {
          auditSeconds = Math.min(auditSeconds, a);
          plainSeconds = Math.min(plainSeconds, p);
        }
      }
      long auditLines = lines(auditFile) - 2;
      long plainLines = lines(eventsFile);
      double auditMb = Files.size(auditFile) / 1e6;
      double plainMb = Files.size(eventsFile) / 1e6;
      double auditEps = auditLines / auditSeconds;
      double plainEps = plainLines / plainSeconds;
      return new JsonObject().put("bench", "audit").put("log_events", events).put("load_s", round(loadSeconds))
          .put("audit_events", auditLines).put("audit_s", round(auditSeconds)).put("audit_mb", round(auditMb))
          .put("audit_mb_per_s", round(auditMb / auditSeconds)).put("audit_events_per_s", Math.round(auditEps))
          .put("events_export_events", plainLines).put("events_export_s", round(plainSeconds))
          .put("events_export_mb_per_s", round(plainMb / plainSeconds)).put("events_export_events_per_s", Math.round(plainEps))
          .put("ratio_events_per_s", Math.round(auditEps / plainEps * 100) / 100.0);
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static double timed(String[] args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    long t = System.nanoTime();
    int code = ZlhCommand.execute(new ByteArrayOutputStream(), err, args);
    double s = (System.nanoTime() - t) / 1e9;
    if (code != 0) throw new IllegalStateException(String.join(" ", args) + " failed: " + err);
    return s;
  }

  private static long lines(Path file) throws Exception {
    try (var l = Files.lines(file)) {
      return l.count();
    }
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  /**
   * u1 requests 100 servers; the rest of the log is their lifecycle and u1's billing and
   * account events, in transactions of 1,000 rows written by SQL for speed.
   */
  private static void load(BenchDatabase db, int events) throws Exception {
    int perTx = 1000;
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), "postgres", "postgres"); var st = c.createStatement()) {
      st.execute("INSERT INTO event_log (event_id, stream_type, stream_id, stream_version, event_type, schema_version, payload, metadata) "
          + "SELECT gen_random_uuid(), 'server', 's' || g, 1, 'server.requested', 1, "
          + "jsonb_build_object('serverId', 's' || g, 'ownerId', 'u1', 'operationId', 'op' || g), "
          + "'{\"actor\":\"user:u1\"}'::jsonb FROM generate_series(0, 99) g");
      for (int from = 100; from < events; from += perTx) {
        // 80% server streams, 10% billing, 10% account; versions stay unique per stream.
        st.execute("INSERT INTO event_log (event_id, stream_type, stream_id, stream_version, event_type, schema_version, payload, metadata) "
            + "SELECT gen_random_uuid(), "
            + "CASE WHEN g % 10 < 8 THEN 'server' WHEN g % 10 = 8 THEN 'billing' ELSE 'account' END, "
            + "CASE WHEN g % 10 < 8 THEN 's' || (g % 100) ELSE 'u1' END, "
            + "CASE WHEN g % 10 < 8 THEN g / 100 * 1000 + g % 100 + 2 ELSE g END, "
            + "CASE WHEN g % 10 < 8 THEN 'server.host-state-changed' WHEN g % 10 = 8 THEN 'billing.invoice-paid' ELSE 'account.session-started' END, 1, "
            + "jsonb_build_object('serverId', 's' || (g % 100), 'state', (ARRAY['starting','running','stopped'])[g % 3 + 1], "
            + "'invoiceId', 'in_' || g, 'at', '2026-03-01T10:00:00Z'), "
            + "'{\"actor\":\"system:bench\",\"correlationId\":\"c\"}'::jsonb "
            + "FROM generate_series(" + from + ", " + (Math.min(events, from + perTx) - 1) + ") g");
      }
      st.execute("VACUUM ANALYZE event_log");
    }
  }
}
