package com.zerolaghub.verticles.operators;

import com.zerolaghub.verticles.http.ProblemException;
import com.zerolaghub.verticles.http.ProblemType;
import com.zerolaghub.verticles.http.ValidatedRequests;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/admin/support/tickets/{id}/triage}: beside a ticket, each of the customer's
 * servers with its live status (asked of Proxmox and the agent now), its last crash, its last
 * failed operation and its open drift findings, so support answers without opening five pages.
 * A server whose status cannot be asked still appears, with the reason.
 */
final class TicketTriage {
  private static final String TICKET = "SELECT stream_id, payload->>'accountId' AS account_id, payload->>'ticketNumber' AS number, "
      + "payload->>'subject' AS subject, payload->>'serverId' AS server_id, EXISTS (SELECT 1 FROM event_log c "
      + "WHERE c.stream_type = 'ticket' AND c.stream_id = $1 AND c.event_type = 'support.ticket-closed') AS closed "
      + "FROM event_log WHERE stream_type = 'ticket' AND stream_id = $1 AND stream_version = 1";
  private static final String SERVERS = "SELECT * FROM servers WHERE owner_id = $1 ORDER BY created_at, server_id";
  private static final String LAST_FAILED = "SELECT operation_id, type, phase, reason, needs_human, updated_at FROM server_operations "
      + "WHERE server_id = $1 AND status = 'failed' ORDER BY updated_at DESC LIMIT 1";
  /** The latest event of each drift stream about the server (through the controller's index); open when it is a drift.found. */
  private static final String FINDINGS = "SELECT DISTINCT ON (stream_id) stream_id, event_type, payload::text AS payload, recorded_at "
      + "FROM event_log WHERE stream_type = 'drift' AND payload->>'serverId' = $1 ORDER BY stream_id, position DESC";

  private final Pool pool;
  private final ServerProbes servers;

  TicketTriage(Pool pool, ServerProbes servers) {
    this.pool = pool;
    this.servers = servers;
  }

  void get(RoutingContext ctx) {
    String ticketId = ValidatedRequests.pathParam(ctx, "id");
    pool.preparedQuery(TICKET).execute(Tuple.of(ticketId)).compose(rows -> {
      if (rows.size() == 0) throw new ProblemException(ProblemType.NOT_FOUND, "no ticket " + ticketId);
      Row t = rows.iterator().next();
      String accountId = t.getString("account_id");
      JsonObject ticket = new JsonObject().put("ticketId", ticketId).put("ticketNumber", t.getString("number"))
          .put("accountId", accountId).put("subject", t.getString("subject")).put("serverId", t.getString("server_id"))
          .put("status", t.getBoolean("closed") ? "closed" : "open");
      return pool.preparedQuery(SERVERS).execute(Tuple.of(accountId)).compose(serverRows -> {
        List<Future<JsonObject>> each = new ArrayList<>();
        for (Row r : serverRows) each.add(server(r));
        return Future.all(each).map(all -> {
          JsonArray list = new JsonArray();
          each.forEach(f -> list.add(f.result()));
          return new JsonObject().put("ticket", ticket).put("servers", list);
        });
      });
    }).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private Future<JsonObject> server(Row r) {
    String serverId = r.getString("server_id");
    JsonObject s = ServerRows.summary(r);
    Future<JsonObject> live = servers.liveStatus(serverId)
        .map(status -> s.put("status", status).put("lastCrash", status.getValue("lastCrash")))
        .recover(err -> Future.succeededFuture(s.put("status", null).put("statusError", String.valueOf(err.getMessage()))
            .put("lastCrash", null)));
    Future<Void> failed = pool.preparedQuery(LAST_FAILED).execute(Tuple.of(serverId)).map(rows -> {
      if (rows.size() == 0) {
        s.putNull("lastFailedOperation");
      } else {
        Row op = rows.iterator().next();
        s.put("lastFailedOperation", new JsonObject().put("operationId", op.getString("operation_id")).put("type", op.getString("type"))
            .put("phase", op.getString("phase")).put("reason", op.getString("reason")).put("needsHuman", op.getBoolean("needs_human"))
            .put("at", op.getOffsetDateTime("updated_at").toInstant().toString()));
      }
      return null;
    });
    Future<Void> findings = pool.preparedQuery(FINDINGS).execute(Tuple.of(serverId)).map(rows -> {
      JsonArray open = new JsonArray();
      for (Row f : rows) {
        if (!f.getString("event_type").equals("drift.found")) continue;
        JsonObject p = new JsonObject(f.getString("payload"));
        open.add(new JsonObject().put("key", p.getString("key")).put("kind", p.getString("kind"))
            .put("evidence", p.getJsonObject("evidence")).put("foundAt", f.getOffsetDateTime("recorded_at").toInstant().toString()));
      }
      s.put("openFindings", open);
      return null;
    });
    return Future.all(live, failed, findings).map(x -> s);
  }
}
