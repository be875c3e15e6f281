package com.zerolaghub.verticles.support;

import com.zerolaghub.core.command.Rejection;
import com.zerolaghub.core.support.TicketNumbers;
import com.zerolaghub.events.AppendResult;
import com.zerolaghub.events.Checkpoint;
import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.events.EventStore;
import com.zerolaghub.events.ExpectedVersion;
import com.zerolaghub.events.NewEvent;
import com.zerolaghub.events.RecordedEvent;
import com.zerolaghub.events.StreamAppend;
import com.zerolaghub.events.StreamId;
import com.zerolaghub.events.WrongExpectedVersionException;
import com.zerolaghub.events.support.SupportEvent.TicketClosed;
import com.zerolaghub.events.support.SupportEvent.TicketNumberAllocated;
import com.zerolaghub.events.support.SupportEvent.TicketOpened;
import com.zerolaghub.events.support.SupportEvent.TicketReplied;
import com.zerolaghub.projections.support.TicketBook;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ticket writes. A number is claimed by appending to the day's stream at the version just read
 * (the new version is the sequence) in the same transaction that creates the ticket's stream; a
 * concurrent claim on any node makes the append conflict and the claim is retried on a fresh
 * read, so numbers are unique and gap-free without any lock outside the log.
 */
final class TicketActions {
  /** Under a burst every writer but one loses each round; enough rounds for hundreds at once. */
  static final int MAX_ATTEMPTS = 400;

  record Opened(String ticketId, String ticketNumber, RecordedEvent event) {}

  private final Vertx vertx;
  private final EventStore store;
  private final Clock clock;

  TicketActions(Vertx vertx, EventStore store, Clock clock) {
    this.vertx = vertx;
    this.store = store;
    this.clock = clock;
  }

  /** Claims of this node, one after another: only other nodes' claims can make one conflict. */
  private Future<?> tail = Future.succeededFuture();

  Future<Opened> open(String accountId, String email, String subject, String message, String serverId, String category) {
    String ticketId = UUID.randomUUID().toString();
    synchronized (this) {
      Future<Opened> opened = tail.transform(previous -> claim(ticketId, accountId, email, subject, message, serverId, category, 1));
      tail = opened;
      return opened;
    }
  }

  private Future<Opened> claim(String ticketId, String accountId, String email, String subject, String message,
                               String serverId, String category, int attempt) {
    Instant now = clock.instant();
    String day = TicketNumbers.day(now);
    StreamId dayStream = TicketNumbers.dayStream(day);
    return lastVersion(dayStream).compose((Long version) -> {
      int sequence = (int) (version.longValue() + 1);
      if (sequence > TicketNumbers.MAX_PER_DAY) {
        return Future.failedFuture(new Rejection(Rejection.Kind.LIMIT_EXCEEDED, "ticket-day-full",
            "no more ticket numbers today"));
      }
      String number = TicketNumbers.format(day, sequence);
      EventMetadata meta = EventMetadata.system("user:" + accountId).withCorrelation(ticketId);
      List<StreamAppend> appends = List.of(
          new StreamAppend(dayStream, ExpectedVersion.exactly(version.longValue()),
              List.of(NewEvent.of(new TicketNumberAllocated(day, sequence, number, ticketId, now), meta))),
          new StreamAppend(TicketNumbers.ticketStream(ticketId), ExpectedVersion.NO_STREAM,
              List.of(NewEvent.of(new TicketOpened(ticketId, number, accountId, email, subject, message, serverId,
                  category, now), meta))));
      return store.appendAtomically(appends)
          .map(results -> new Opened(ticketId, number, results.get(1).events().get(0)))
          .recover(err -> err instanceof WrongExpectedVersionException && attempt < MAX_ATTEMPTS
              ? jitter(attempt).compose(v -> claim(ticketId, accountId, email, subject, message, serverId, category, attempt + 1))
              : Future.failedFuture(err));
    });
  }

  private Future<Long> lastVersion(StreamId stream) {
    return store.readStream(stream).map(events -> events.isEmpty() ? 0L : events.get(events.size() - 1).streamVersion());
  }

  /** A short random pause so that losers of a round do not collide again in lockstep. */
  private Future<Void> jitter(int attempt) {
    Promise<Void> p = Promise.promise();
    long ms = 1 + ThreadLocalRandom.current().nextLong(Math.min(50, 2L + attempt));
    vertx.setTimer(ms, id -> p.complete());
    return p.future();
  }

  /** Answers where the reply landed in the log (to wait until readers see it), or null for none. */
  Future<Checkpoint> reply(TicketBook.Ticket ticket, String email, String message, String adminId) {
    Instant now = clock.instant();
    TicketReplied replied = new TicketReplied(ticket.ticketId(), ticket.ticketNumber(), ticket.accountId(), email, message,
        adminId, now);
    return store.append(TicketNumbers.ticketStream(ticket.ticketId()), ExpectedVersion.ANY,
        List.of(NewEvent.of(replied, EventMetadata.system("user:" + adminId)))).map(TicketActions::last);
  }

  /** Closing a closed ticket changes nothing (answers null); {@code reason} may be null. */
  Future<Checkpoint> close(TicketBook.Ticket ticket, String adminId, String reason) {
    if (ticket.closed()) return Future.succeededFuture();
    return store.append(TicketNumbers.ticketStream(ticket.ticketId()), ExpectedVersion.ANY,
        List.of(NewEvent.of(new TicketClosed(ticket.ticketId(), adminId, clock.instant(), reason),
            EventMetadata.system("user:" + adminId)))).map(TicketActions::last);
  }

  private static Checkpoint last(AppendResult appended) {
    return appended.events().get(appended.events().size() - 1).checkpoint();
  }
}
