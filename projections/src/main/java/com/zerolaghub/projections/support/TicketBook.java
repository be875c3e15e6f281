package com.zerolaghub.projections.support;

import com.zerolaghub.events.support.SupportEvent.TicketClosed;
import com.zerolaghub.events.support.SupportEvent.TicketOpened;
import com.zerolaghub.events.support.SupportEvent.TicketReplied;
import com.zerolaghub.projections.DecodedEvent;
import com.zerolaghub.projections.EventTypeNames;
import com.zerolaghub.projections.MemoryProjection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Every ticket in memory on every node (support volume is small), for the customer and admin lists. */
public final class TicketBook implements MemoryProjection<TicketBook.Snapshot> {
  private static final Set<String> TYPES = EventTypeNames.of(TicketOpened.class, TicketReplied.class, TicketClosed.class);

  public record Reply(String message, String repliedBy, Instant at) {}

  public record Ticket(String ticketId, String ticketNumber, String accountId, String subject, String message, String serverId,
                String category, boolean closed, Instant createdAt, List<Reply> replies) {
    Ticket withReply(Reply r) {
      List<Reply> next = new ArrayList<>(replies);
      next.add(r);
      return new Ticket(ticketId, ticketNumber, accountId, subject, message, serverId, category, closed, createdAt, List.copyOf(next));
    }

    Ticket closedNow() {
      return new Ticket(ticketId, ticketNumber, accountId, subject, message, serverId, category, true, createdAt, replies);
    }

    public String status() {
      return closed ? "closed" : "open";
    }
  }

  public record Snapshot(Map<String, Ticket> byId) {
    public Ticket get(String id) {
      return byId.get(id);
    }

    /** Newest first, filtered by account, status and category when given (null = any). */
    public List<Ticket> list(String accountId, String status, String category) {
      return byId.values().stream()
          .filter(t -> accountId == null || accountId.equals(t.accountId()))
          .filter(t -> status == null || status.equals(t.status()))
          .filter(t -> category == null || category.equals(t.category()))
          .sorted(Comparator.comparing(Ticket::createdAt).thenComparing(Ticket::ticketNumber).reversed())
          .toList();
    }
  }

  @Override
  public String name() {
    return "support_tickets";
  }

  @Override
  public boolean handles(String eventType) {
    return TYPES.contains(eventType);
  }

  @Override
  public Model<Snapshot> newModel() {
    return new Model<>() {
      private final Map<String, Ticket> tickets = new LinkedHashMap<>();

      @Override
      public void apply(DecodedEvent event) {
        if (event.event() instanceof TicketOpened o) {
          tickets.put(o.ticketId(), new Ticket(o.ticketId(), o.ticketNumber(), o.accountId(), o.subject(), o.message(),
              o.serverId(), o.category(), false, o.at(), List.of()));
        } else if (event.event() instanceof TicketReplied r) {
          tickets.computeIfPresent(r.ticketId(), (k, t) -> t.withReply(new Reply(r.message(), r.repliedBy(), r.at())));
        } else if (event.event() instanceof TicketClosed c) {
          tickets.computeIfPresent(c.ticketId(), (k, t) -> t.closedNow());
        }
      }

      @Override
      public Snapshot view() {
        return new Snapshot(Map.copyOf(tickets));
      }
    };
  }
}
