package com.zerolaghub.verticles.support;

import com.zerolaghub.core.infra.discord.DiscordMessage;
import com.zerolaghub.core.infra.discord.DiscordPort;
import com.zerolaghub.core.infra.discord.DiscordRateLimitedException;
import com.zerolaghub.core.infra.discord.DiscordRejectedException;
import com.zerolaghub.core.support.Notification;
import com.zerolaghub.core.support.NotificationTemplates;
import com.zerolaghub.core.support.ServerMention;
import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.events.StreamId;
import com.zerolaghub.events.support.NotificationEvent;
import com.zerolaghub.events.support.NotificationEvent.NotificationFailed;
import com.zerolaghub.events.support.NotificationEvent.NotificationSent;
import com.zerolaghub.verticles.config.SupportConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox. For each due row: claim it (other nodes skip it until the claim lapses),
 * record the intent in {@code notification/<sourceEventId>:<channel>} (no-stream: only the first
 * sender creates it; a later one that finds an outcome there just drops the row), send, record
 * {@code notification.sent} and delete the row. A failure is retried with doubling pauses (a
 * Discord 429 after its {@code retry_after}); a permanent one, or the last attempt, records
 * {@code notification.failed}. A crash between send and outcome resends once after the claim
 * lapses: emails carry a Message-ID made from the source event id so the recipient's mail
 * system can drop the copy; a Discord alert may then appear twice.
 */
final class NotificationSender {
  private static final Logger log = LoggerFactory.getLogger(NotificationSender.class);
  private static final int BATCH = 50;
  private static final Duration FIRST_PAUSE = Duration.ofMillis(500);

  private final Vertx vertx;
  private final Pool pool;
  private final NotificationActions actions;
  private final NotificationTemplates templates;
  private final ServerMentions servers;
  private final EmailChannel email;
  private final DiscordPort discord;
  private final SupportConfig config;
  private final Clock clock;
  private final MeterRegistry meters;
  private final Map<String, Counter> failed = new ConcurrentHashMap<>();
  private final Timer delay;
  private long timer = -1;
  private long keeper = -1;
  /** Rows this sender claimed and is still delivering: their claims are extended until done. */
  private final Set<Long> sending = new HashSet<>();
  private boolean polling;
  private boolean stopped;
  private int inFlight;
  private Promise<Void> drained;

  NotificationSender(Vertx vertx, Pool pool, NotificationActions actions, NotificationTemplates templates,
                     ServerMentions servers, EmailChannel email, DiscordPort discord, SupportConfig config, Clock clock,
                     MeterRegistry meters) {
    this.servers = servers;
    this.vertx = vertx;
    this.pool = pool;
    this.actions = actions;
    this.templates = templates;
    this.email = email;
    this.discord = discord;
    this.config = config;
    this.clock = clock;
    this.meters = meters;
    this.delay = Timer.builder("zlh_notification_delay").description("source event to delivery accepted")
        .publishPercentiles(0.5, 0.99).register(meters);
    for (String channel : List.of(Notification.EMAIL, Notification.DISCORD)) counter(channel);
  }

  void start() {
    vertx.runOnContext(v -> {
      // A slow send (a loaded machine, a slow SMTP server) must not let the claim lapse and another
      // node send the same message again: claims are renewed every third of their length.
      keeper = vertx.setPeriodic(Math.max(100, config.claimSeconds() * 1000L / 3), id -> renewClaims());
      schedule();
    });
  }

  private void renewClaims() {
    if (sending.isEmpty()) return;
    Long[] ids = sending.toArray(new Long[0]);
    pool.preparedQuery("UPDATE notification_outbox SET claimed_until = now() + make_interval(secs => $1) WHERE id = ANY($2)")
        .execute(Tuple.of((double) config.claimSeconds(), ids))
        .onFailure(err -> log.debug("notification claims not renewed: {}", err.getMessage()));
  }

  /** Stops taking rows and completes once the deliveries in flight have recorded their outcome. */
  Future<Void> stop() {
    Promise<Void> p = Promise.promise();
    vertx.runOnContext(v -> {
      stopped = true;
      if (timer >= 0) vertx.cancelTimer(timer);
      if (keeper >= 0) vertx.cancelTimer(keeper);
      if (inFlight == 0 && !polling) p.complete();
      else drained = p;
    });
    return p.future();
  }

  private void schedule() {
    if (stopped) return;
    timer = vertx.setTimer(config.pollMillis(), id -> poll());
  }

  private void poll() {
    if (stopped) return;
    polling = true;
    claim().onComplete(ar -> {
      polling = false;
      if (ar.failed() && ar.cause() instanceof PgException pg && "42P01".equals(pg.getSqlState())) {
        log.debug("notification outbox not built yet (first start of its projection)");
      } else if (ar.failed()) {
        log.atWarn().setMessage("notification outbox poll failed").setCause(ar.cause()).log();
      } else {
        for (Row row : ar.result()) {
          inFlight++;
          long id = row.getLong("id");
          sending.add(id);
          deliver(row).onComplete(done -> {
            if (done.failed()) log.atWarn().setMessage("notification delivery bookkeeping failed").setCause(done.cause()).log();
            sending.remove(id);
            inFlight--;
            checkDrained();
          });
        }
      }
      checkDrained();
      if (!stopped) {
        // A full batch means more is due now.
        if (ar.succeeded() && ar.result().size() == BATCH) vertx.runOnContext(v -> poll());
        else schedule();
      }
    });
  }

  private void checkDrained() {
    if (stopped && inFlight == 0 && !polling && drained != null) {
      Promise<Void> p = drained;
      drained = null;
      p.complete();
    }
  }

  private Future<List<Row>> claim() {
    return pool.preparedQuery("UPDATE notification_outbox SET claimed_until = now() + make_interval(secs => $1), "
        + "attempts = attempts + 1 WHERE id IN (SELECT id FROM notification_outbox WHERE next_attempt_at <= now() "
        + "AND (claimed_until IS NULL OR claimed_until < now()) ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED) "
        + "RETURNING id, source_event_id, channel, kind, account_id, recipient, params, source_at, attempts")
        .execute(Tuple.of((double) config.claimSeconds(), BATCH)).map(rows -> {
          List<Row> list = new ArrayList<>();
          rows.forEach(list::add);
          return list;
        });
  }

  private Future<Void> deliver(Row row) {
    long id = row.getLong("id");
    String source = row.getString("source_event_id");
    String channel = row.getString("channel");
    int attempts = row.getInteger("attempts");
    StreamId stream = NotificationActions.stream(source, channel);
    EventMetadata meta = EventMetadata.system("system:notifications").withCausation(source);
    return actions.intend(stream, source, channel, row.getString("kind"), meta).compose(settled -> {
      if (settled) return delete(id);
      return render(row).compose(n -> n == null ? Future.failedFuture(new PermanentFailure("no recipient address")) : send(source, n))
          .transform(ar -> {
            if (ar.succeeded()) {
              delay.record(Duration.between(row.getOffsetDateTime("source_at").toInstant(), clock.instant()));
              return outcome(stream, meta, new NotificationSent(source, channel, attempts, clock.instant()), id);
            }
            Throwable err = ar.cause();
            boolean permanent = err instanceof PermanentFailure || err instanceof DiscordRejectedException;
            if (permanent || attempts >= config.maxAttempts()) {
              counter(channel).increment();
              log.atWarn().setMessage("notification given up").addKeyValue("sourceEventId", source).addKeyValue("channel", channel)
                  .addKeyValue("attempts", attempts).addKeyValue("reason", err.getMessage()).log();
              return outcome(stream, meta, new NotificationFailed(source, channel, String.valueOf(err.getMessage()), attempts,
                  clock.instant()), id);
            }
            Duration wait = err instanceof DiscordRateLimitedException r ? r.retryAfter() : backoff(attempts);
            return pool.preparedQuery("UPDATE notification_outbox SET claimed_until = NULL, last_error = $2, "
                + "next_attempt_at = now() + make_interval(secs => $3) WHERE id = $1")
                .execute(Tuple.of(id, String.valueOf(err.getMessage()), wait.toMillis() / 1000.0)).mapEmpty();
          });
    });
  }

  private Future<Void> outcome(StreamId stream, EventMetadata meta, NotificationEvent event, long id) {
    return actions.recordOutcome(stream, meta, event).compose(v -> delete(id));
  }

  private Future<Void> delete(long id) {
    return pool.preparedQuery("DELETE FROM notification_outbox WHERE id = $1").execute(Tuple.of(id)).mapEmpty();
  }

  private Future<Void> send(String source, Notification n) {
    if (Notification.DISCORD.equals(n.channel())) {
      return discord == null ? Future.failedFuture(new PermanentFailure("no Discord webhook configured"))
          : discord.post(new DiscordMessage(n.text(), n.subject(), n.html()));
    }
    return email.send(source, n);
  }

  private Future<Notification> render(Row row) {
    JsonObject p = (JsonObject) row.getValue("params");
    String kind = row.getString("kind");
    if (Notification.DISCORD.equals(row.getString("channel"))) {
      if (kind.startsWith("repair-")) {
        return Future.succeededFuture(templates.repairAlert(kind.substring("repair-".length()), p.getString("action"),
            p.getInteger("level"), p.getString("posture"), p.getString("serverId"), p.getString("detail")));
      }
      return Future.succeededFuture(templates.ticketAlert(p.getString("ticketNumber"), p.getString("category"),
          p.getString("accountId"), p.getString("subject"), p.getString("message")));
    }
    Future<String> address = row.getString("recipient") != null ? Future.succeededFuture(row.getString("recipient"))
        : emailOf(row.getString("account_id"));
    // messages about a server name it by its name (and say how to reach it), never by its id
    Future<ServerMention> server = p.getString("serverId") == null ? Future.succeededFuture(null)
        : servers.of(p.getString("serverId"));
    return Future.all(address, server).map(done -> {
      String to = address.result();
      if (to == null) return null;
      switch (kind) {
        case "ticket-opened":
          return templates.ticketAcknowledgement(to, p.getString("ticketNumber"), p.getString("subject"), p.getString("message"));
        case "ticket-replied":
          return templates.ticketReply(to, p.getString("ticketNumber"), p.getString("message"));
        case "server-ready":
          return templates.serverReady(to, server.result());
        case "server-failed":
          return templates.serverFailed(to, server.result());
        case "billing-warning":
          return templates.billingWarning(to, p.getString("level"));
        case "billing-suspended":
          return templates.billingSuspended(to, p.getString("at") != null ? Instant.parse(p.getString("at"))
              : row.getOffsetDateTime("source_at").toInstant());
        case "server-crashed":
          return templates.serverCrashed(to, server.result(), p.getString("crash"));
        case "billing-receipt":
          return templates.receipt(to, p.getString("invoiceId"), p.getLong("amountPaid"), p.getString("currency"),
              p.getString("paidAt"));
        default:
          throw new PermanentFailure("unknown notification kind " + kind);
      }
    });
  }

  private Future<String> emailOf(String accountId) {
    if (accountId == null) return Future.succeededFuture(null);
    return pool.preparedQuery("SELECT email FROM accounts WHERE id = $1").execute(Tuple.of(accountId)).map(rows -> {
      for (Row r : rows) return r.getString("email");
      return null;
    });
  }

  private Duration backoff(int attempts) {
    long ms = FIRST_PAUSE.toMillis() << Math.min(20, Math.max(0, attempts - 1));
    return Duration.ofMillis(Math.min(ms, config.backoffMaxMillis()));
  }

  private Counter counter(String channel) {
    return failed.computeIfAbsent(channel, c -> Counter.builder("zlh_notifications_failed_total").tag("channel", c)
        .description("notifications given up (permanent refusal or attempts exhausted)").register(meters));
  }

  static final class PermanentFailure extends RuntimeException {
    PermanentFailure(String message) {
      super(message, null, false, false);
    }
  }
}
