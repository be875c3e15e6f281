package com.zerolaghub.verticles.audit;

import com.zerolaghub.core.audit.AuditChainWriter;
import io.vertx.core.json.Json;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Streams every event touching an account through a server-side cursor (memory stays flat):
 * its {@code account}, {@code billing} and {@code owner-servers} streams, the {@code server}
 * streams it requested ({@code server.requested} with its {@code ownerId}, followed by server
 * id), its support tickets ({@code ticket} streams it opened: replies and closing included),
 * and the Stripe events and customers linked to it; in position order. NDJSON is hash
 * chained and signed ({@link AuditChainWriter}); CSV is a spreadsheet view without proof.
 * Blocking JDBC: run on a worker thread.
 */
public final class AuditExport {
  static final int FETCH_SIZE = 1000;
  static final String SELECT =
      "WITH owned AS (SELECT stream_id FROM event_log WHERE event_type = 'server.requested' AND stream_type = 'server' "
          + "AND payload->>'ownerId' = ?), "
          + "tickets AS (SELECT stream_id FROM event_log WHERE event_type = 'support.ticket-opened' AND stream_type = 'ticket' "
          + "AND payload->>'accountId' = ?) "
          + "SELECT position, tx_id::text AS tx, event_id::text AS event_id, stream_type, stream_id, stream_version, "
          + "event_type, schema_version, payload::text AS payload, metadata::text AS metadata, metadata->>'actor' AS actor, "
          + "recorded_at FROM event_log WHERE recorded_at >= ? AND recorded_at < ? AND ("
          + "(stream_type IN ('account', 'billing', 'owner-servers') AND stream_id = ?) "
          + "OR (stream_type IN ('stripe-event', 'stripe-customer') AND payload->>'accountId' = ?) "
          + "OR (stream_type = 'server' AND stream_id IN (SELECT stream_id FROM owned)) "
          + "OR (stream_type = 'ticket' AND stream_id IN (SELECT stream_id FROM tickets))) ORDER BY position";

  public enum Format { NDJSON, CSV }

  private AuditExport() {}

  /** Writes the signed NDJSON export; answers the number of events. */
  public static long ndjson(Connection c, AuditScope scope, OutputStream target, PrivateKey key, String keyId,
      Instant generatedAt) throws SQLException, IOException {
    OutputStream out = new BufferedOutputStream(target, 1 << 16);
    String header = "{\"zlh_audit\":1,\"account\":" + Json.encode(scope.accountId()) + ",\"from\":\"" + scope.from()
        + "\",\"to\":\"" + scope.to() + "\",\"generatedAt\":\"" + generatedAt + "\"}";
    AuditChainWriter chain = new AuditChainWriter(out, key, keyId, header);
    StringBuilder line = new StringBuilder(1024);
    query(c, scope, rs -> {
      line.setLength(0);
      line.append("{\"position\":").append(rs.getLong("position"))
          .append(",\"checkpoint\":\"").append(rs.getString("tx")).append(':').append(rs.getLong("position"))
          .append("\",\"eventId\":\"").append(rs.getString("event_id"))
          .append("\",\"streamType\":").append(Json.encode(rs.getString("stream_type")))
          .append(",\"streamId\":").append(Json.encode(rs.getString("stream_id")))
          .append(",\"streamVersion\":").append(rs.getLong("stream_version"))
          .append(",\"type\":").append(Json.encode(rs.getString("event_type")))
          .append(",\"schemaVersion\":").append(rs.getInt("schema_version"))
          .append(",\"recordedAt\":\"").append(recordedAt(rs))
          .append("\",\"payload\":").append(rs.getString("payload"))
          .append(",\"metadata\":").append(rs.getString("metadata")).append('}');
      chain.append(line.toString());
    });
    long events = chain.finish();
    out.flush();
    return events;
  }

  /** Writes the CSV view: position, time, stream, type, actor, summary. Answers the number of events. */
  public static long csv(Connection c, AuditScope scope, OutputStream target) throws SQLException, IOException {
    OutputStream out = new BufferedOutputStream(target, 1 << 16);
    out.write("position,time,stream,type,actor,summary\n".getBytes(StandardCharsets.UTF_8));
    long[] count = {0};
    query(c, scope, rs -> {
      String row = rs.getLong("position") + "," + recordedAt(rs) + "," + cell(rs.getString("stream_type") + "/"
          + rs.getString("stream_id")) + "," + cell(rs.getString("event_type")) + "," + cell(rs.getString("actor")) + ","
          + cell(summary(rs.getString("payload"))) + "\n";
      out.write(row.getBytes(StandardCharsets.UTF_8));
      count[0]++;
    });
    out.flush();
    return count[0];
  }

  interface RowWriter {
    void write(ResultSet rs) throws SQLException, IOException;
  }

  private static void query(Connection c, AuditScope scope, RowWriter writer) throws SQLException, IOException {
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false); // a cursor (fetch size honoured) needs a transaction
    try (PreparedStatement s = c.prepareStatement(SELECT)) {
      s.setFetchSize(FETCH_SIZE);
      s.setString(1, scope.accountId());
      s.setString(2, scope.accountId());
      s.setObject(3, OffsetDateTime.ofInstant(scope.from(), ZoneOffset.UTC));
      s.setObject(4, OffsetDateTime.ofInstant(scope.to(), ZoneOffset.UTC));
      s.setString(5, scope.accountId());
      s.setString(6, scope.accountId());
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) writer.write(rs);
      }
    } finally {
      c.rollback();
      c.setAutoCommit(auto);
    }
  }

  private static Instant recordedAt(ResultSet rs) throws SQLException {
    return rs.getObject("recorded_at", OffsetDateTime.class).toInstant();
  }

  /** The payload, shortened for a spreadsheet cell. */
  static String summary(String payload) {
    return payload.length() <= 200 ? payload : payload.substring(0, 199) + "…";
  }

  static String cell(String value) {
    if (value == null) return "";
    boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0;
    // A leading = + - @ would make a spreadsheet evaluate the cell.
    String v = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    return quote ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
  }

}
