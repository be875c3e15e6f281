package com.zerolaghub.projections.support;

import com.zerolaghub.core.support.Notification;
import com.zerolaghub.events.EventCodec;
import com.zerolaghub.events.support.SupportEvent.TicketOpened;
import com.zerolaghub.events.support.SupportEvent.TicketReplied;
import com.zerolaghub.projections.DecodedEvent;
import com.zerolaghub.projections.EventTypeNames;
import com.zerolaghub.projections.TableProjection;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/**
 * Intake of the notification outbox: a tracking processor over the log whose rows of
 * {@code notification_outbox} are written in the transaction that advances its token, so every
 * source event yields its deliveries exactly once (unique per source event and channel).
 * The support capability's {@code NotificationSender} delivers and deletes them. Server and billing events are read from
 * their raw payload (and only when their capability registered them on this node).
 */
public final class NotificationOutbox implements TableProjection {
  public static final String NAME = "notification_outbox";
  private static final Set<String> OWN = EventTypeNames.of(TicketOpened.class, TicketReplied.class);
  private static final Set<String> FOREIGN = Set.of("server.requested", "server.ready", "server.provisioning-failed",
      "billing.enforcement-changed", "billing.invoice-paid", "drift.found", "repair.planned", "repair.succeeded",
      "repair.failed");

  private final EventCodec codec;
  private final boolean discord;

  public NotificationOutbox(EventCodec codec, boolean discord) {
    this.codec = codec;
    this.discord = discord;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> tables() {
    return List.of("notification_outbox", "notification_server_owners");
  }

  @Override
  public String ddl(String schema) {
    return "CREATE TABLE " + schema + ".notification_outbox (id bigserial PRIMARY KEY, source_event_id text NOT NULL, "
        + "channel text NOT NULL, kind text NOT NULL, account_id text, recipient text, params jsonb NOT NULL, "
        + "source_at timestamptz NOT NULL, attempts int NOT NULL DEFAULT 0, next_attempt_at timestamptz NOT NULL, "
        + "claimed_until timestamptz, last_error text, UNIQUE (source_event_id, channel));"
        + "CREATE INDEX notification_outbox_due ON " + schema + ".notification_outbox (next_attempt_at);"
        + "CREATE TABLE " + schema + ".notification_server_owners (server_id text PRIMARY KEY, owner_id text NOT NULL)";
  }

  @Override
  public boolean handles(String eventType) {
    return OWN.contains(eventType) || (FOREIGN.contains(eventType) && codec.knows(eventType));
  }

  @Override
  public Future<Void> apply(SqlConnection tx, String schema, List<DecodedEvent> batch) {
    Future<Void> chain = Future.succeededFuture();
    for (DecodedEvent event : batch) chain = chain.compose(v -> applyOne(tx, schema, event));
    return chain;
  }

  private Future<Void> applyOne(SqlConnection tx, String schema, DecodedEvent event) {
    String source = event.recorded().eventId().toString();
    Object e = event.event();
    if (e instanceof TicketOpened o) {
      JsonObject params = new JsonObject().put("ticketNumber", o.ticketNumber()).put("subject", o.subject())
          .put("message", o.message()).put("category", o.category()).put("accountId", o.accountId());
      Future<Void> mail = o.email() == null ? Future.succeededFuture()
          : insert(tx, schema, source, Notification.EMAIL, "ticket-opened", o.accountId(), o.email(), params, o.at());
      return discord ? mail.compose(v -> insert(tx, schema, source, Notification.DISCORD, "ticket-opened", null, null, params, o.at()))
          : mail;
    }
    if (e instanceof TicketReplied r) {
      return insert(tx, schema, source, Notification.EMAIL, "ticket-replied", r.accountId(), r.email(),
          new JsonObject().put("ticketNumber", r.ticketNumber()).put("message", r.message()), r.at());
    }
    JsonObject raw = new JsonObject(event.recorded().payload());
    Instant at = event.recordedAt();
    switch (event.type()) {
      case "server.requested":
        return tx.preparedQuery("INSERT INTO " + schema + ".notification_server_owners (server_id, owner_id) VALUES ($1, $2) "
            + "ON CONFLICT (server_id) DO NOTHING").execute(Tuple.of(raw.getString("serverId"), raw.getString("ownerId"))).mapEmpty();
      case "server.ready":
        return insertForServerOwner(tx, schema, source, "server-ready", raw.getString("serverId"), at, new JsonObject());
      case "server.provisioning-failed":
        return insertForServerOwner(tx, schema, source, "server-failed", raw.getString("serverId"), at, new JsonObject());
      case "billing.invoice-paid":
        return insert(tx, schema, source, Notification.EMAIL, "billing-receipt", raw.getString("accountId"), null,
            new JsonObject().put("invoiceId", raw.getString("invoiceId")).put("amountPaid", raw.getLong("amountPaid"))
                .put("currency", raw.getString("currency")).put("paidAt", raw.getString("paidAt")), at);
      case "drift.found": {
        // a crash the controller's agent probe saw: the owner hears of it (once per crash episode)
        if (!"game-crashed".equals(raw.getString("kind"))) return Future.succeededFuture();
        JsonObject evidence = raw.getJsonObject("evidence", new JsonObject());
        return insertForServerOwner(tx, schema, source, "server-crashed", raw.getString("serverId"), at,
            new JsonObject().put("crash", evidence.getString("crash")));
      }
      case "repair.planned":
      case "repair.succeeded":
      case "repair.failed": {
        if (!discord) return Future.succeededFuture();
        String status = event.type().substring("repair.".length());
        JsonObject params = new JsonObject().put("serverId", raw.getString("serverId")).put("action", raw.getString("action"))
            .put("level", raw.getInteger("level")).put("posture", raw.getString("posture"))
            .put("detail", "failed".equals(status) ? raw.getString("reason") : raw.getString("detail"));
        return insert(tx, schema, source, Notification.DISCORD, "repair-" + status, null, null, params, at);
      }
      case "billing.enforcement-changed": {
        String to = raw.getString("to");
        if ("suspended".equals(to)) {
          return insert(tx, schema, source, Notification.EMAIL, "billing-suspended", raw.getString("accountId"), null,
              new JsonObject().put("at", raw.getString("at")), at);
        }
        if (!"warning".equals(to) && !"final_warning".equals(to)) return Future.succeededFuture();
        return insert(tx, schema, source, Notification.EMAIL, "billing-warning", raw.getString("accountId"), null,
            new JsonObject().put("level", to), at);
      }
      default:
        return Future.succeededFuture();
    }
  }

  private static Future<Void> insertForServerOwner(SqlConnection tx, String schema, String source, String kind, String serverId,
                                                   Instant at, JsonObject extra) {
    return tx.preparedQuery("INSERT INTO " + schema + ".notification_outbox (source_event_id, channel, kind, account_id, params, "
        + "source_at, next_attempt_at) SELECT $1, 'email', $2, owner_id, $3, $4, $4 FROM " + schema
        + ".notification_server_owners WHERE server_id = $5 ON CONFLICT (source_event_id, channel) DO NOTHING")
        .execute(Tuple.of(source, kind, extra.copy().put("serverId", serverId), time(at), serverId)).mapEmpty();
  }

  private static Future<Void> insert(SqlConnection tx, String schema, String source, String channel, String kind, String accountId,
                                     String recipient, JsonObject params, Instant at) {
    return tx.preparedQuery("INSERT INTO " + schema + ".notification_outbox (source_event_id, channel, kind, account_id, recipient, "
        + "params, source_at, next_attempt_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) ON CONFLICT (source_event_id, channel) DO NOTHING")
        .execute(Tuple.of(source, channel, kind, accountId, recipient, params, time(at))).mapEmpty();
  }

  private static OffsetDateTime time(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }
}
