package com.zerolaghub.verticles.operators;

import com.zerolaghub.core.accounts.DisplayForm;
import com.zerolaghub.core.billing.BillingStandings;
import com.zerolaghub.verticles.http.ProblemException;
import com.zerolaghub.verticles.http.ProblemType;
import com.zerolaghub.verticles.http.ValidatedRequests;
import com.zerolaghub.verticles.timeline.TimelineRows;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * {@code GET /api/admin/accounts/{userId}}: what an operator needs about one account on one page:
 * profile, servers, billing standing and history (from the billing stream, in words), tickets and
 * how many sessions are live, and the latest sessions. Every part is an index-backed read.
 */
final class AccountDossier {
  private static final String PROFILE = "SELECT id, email, username, display_name, role, created_at FROM accounts WHERE id = $1";
  private static final String SERVERS = "SELECT server_id, kind, name, plan, vmid, lifecycle, host_state, operation_type, "
      + "operation_status, created_at FROM servers WHERE owner_id = $1 ORDER BY created_at, server_id";
  private static final String BILLING = "SELECT " + TimelineRows.COLUMNS + " FROM event_log WHERE stream_type = 'billing' "
      + "AND stream_id = $1 ORDER BY stream_version DESC LIMIT 100";
  /** A ticket's first event names its account; the stream type leads the stream key, so only ticket events are read. */
  private static final String TICKETS = "SELECT t.stream_id, t.payload->>'ticketNumber' AS number, t.payload->>'subject' AS subject, "
      + "t.payload->>'category' AS category, t.payload->>'serverId' AS server_id, t.recorded_at, EXISTS (SELECT 1 FROM event_log c "
      + "WHERE c.stream_type = 'ticket' AND c.stream_id = t.stream_id AND c.event_type = 'support.ticket-closed') AS closed "
      + "FROM event_log t WHERE t.stream_type = 'ticket' AND t.stream_version = 1 AND t.payload->>'accountId' = $1 "
      + "ORDER BY t.position DESC";
  /**
   * The latest sessions, live or ended, through {@code sessions_user}, with the live count in the
   * same statement (one snapshot: the count never disagrees with the list). Never their ids.
   */
  private static final String SESSIONS = "SELECT (SELECT count(*) FROM sessions WHERE user_id = $1 AND revoked_at IS NULL "
      + "AND expires_at > now()) AS live, client, started_at, expires_at, revoked_at, reason FROM sessions "
      + "WHERE user_id = $1 ORDER BY started_at DESC LIMIT 20";

  private final Pool pool;
  private final BillingStandings standings;

  AccountDossier(Pool pool, BillingStandings standings) {
    this.pool = pool;
    this.standings = standings;
  }

  void get(RoutingContext ctx) {
    String id = ValidatedRequests.pathParam(ctx, "userId");
    Tuple key = Tuple.of(id);
    pool.preparedQuery(PROFILE).execute(key).compose(profile -> {
      if (profile.size() == 0) throw new ProblemException(ProblemType.NOT_FOUND, "no account " + id);
      Future<RowSet<Row>> servers = pool.preparedQuery(SERVERS).execute(key);
      Future<RowSet<Row>> billing = pool.preparedQuery(BILLING).execute(key);
      Future<RowSet<Row>> tickets = pool.preparedQuery(TICKETS).execute(key);
      Future<RowSet<Row>> sessions = pool.preparedQuery(SESSIONS).execute(key);
      return Future.all(servers, billing, tickets, sessions).map(all -> new JsonObject()
          .put("account", account(profile.iterator().next()))
          .put("servers", servers(servers.result()))
          .put("billing", billing(id, billing.result()))
          .put("tickets", tickets(tickets.result()))
          .put("liveSessions", sessions.result().size() == 0 ? 0L : sessions.result().iterator().next().getLong("live"))
          .put("sessions", sessions(sessions.result())));
    }).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private static JsonObject account(Row r) {
    String id = r.getString("id");
    return new JsonObject().put("id", id).put("email", r.getString("email")).put("username", r.getString("username"))
        .put("displayName", r.getString("display_name"))
        .put("display", DisplayForm.of(r.getString("display_name"), r.getString("username"), id))
        .put("role", r.getString("role")).put("createdAt", r.getOffsetDateTime("created_at").toInstant().toString());
  }

  private static JsonArray servers(RowSet<Row> rows) {
    JsonArray servers = new JsonArray();
    for (Row r : rows) servers.add(ServerRows.summary(r));
    return servers;
  }

  private JsonObject billing(String accountId, RowSet<Row> rows) {
    JsonArray history = new JsonArray();
    String plan = null;
    String customer = null;
    String subscription = null;
    for (Row r : rows) { // newest first: the first value seen is the current one
      history.add(TimelineRows.forOperators(r, accountId));
      JsonObject payload = new JsonObject(r.getString("payload"));
      String type = r.getString("event_type");
      if (type.equals("billing.customer-linked")) {
        if (customer == null) customer = payload.getString("customerId");
        if (plan == null) plan = payload.getString("plan");
      } else if (type.equals("billing.subscription-changed")) {
        if (subscription == null) subscription = payload.getString("status");
        if (plan == null) plan = payload.getString("plan");
      }
    }
    return new JsonObject().put("standing", standings.of(accountId).label()).put("plan", plan).put("stripeCustomerId", customer)
        .put("subscriptionStatus", subscription).put("history", history);
  }

  private static JsonArray sessions(RowSet<Row> rows) {
    JsonArray sessions = new JsonArray();
    Instant now = Instant.now();
    for (Row r : rows) {
      Instant expires = r.getOffsetDateTime("expires_at").toInstant();
      OffsetDateTime revoked = r.getOffsetDateTime("revoked_at");
      sessions.add(new JsonObject().put("client", r.getString("client"))
          .put("startedAt", r.getOffsetDateTime("started_at").toInstant().toString()).put("expiresAt", expires.toString())
          .put("endedAt", revoked == null ? null : revoked.toInstant().toString()).put("reason", r.getString("reason"))
          .put("live", revoked == null && expires.isAfter(now)));
    }
    return sessions;
  }

  private static JsonArray tickets(RowSet<Row> rows) {
    JsonArray tickets = new JsonArray();
    for (Row r : rows) {
      tickets.add(new JsonObject().put("ticketId", r.getString("stream_id")).put("ticketNumber", r.getString("number"))
          .put("subject", r.getString("subject")).put("category", r.getString("category")).put("serverId", r.getString("server_id"))
          .put("status", r.getBoolean("closed") ? "closed" : "open")
          .put("createdAt", r.getOffsetDateTime("recorded_at").toInstant().toString()));
    }
    return tickets;
  }
}
