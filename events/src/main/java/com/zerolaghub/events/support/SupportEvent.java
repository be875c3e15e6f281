package com.zerolaghub.events.support;

import com.zerolaghub.events.DomainEvent;
import com.zerolaghub.events.EventType;
import java.time.Instant;

/**
 * Support records. A ticket lives in stream {@code ticket/<ticketId>}; its number is claimed in
 * {@code ticket-day/<YYYYMMDD>} (the sequence is that stream's version); a server's notepad is
 * {@code server-notes/<serverId>} (the note's version is that stream's version). Text is stored
 * exactly as the customer sent it; renderers escape it.
 */
public sealed interface SupportEvent extends DomainEvent {

  /** Stream {@code ticket-day/<day>}: one number handed out. */
  @EventType(name = "support.ticket-number-allocated")
  record TicketNumberAllocated(String day, int sequence, String ticketNumber, String ticketId, Instant at)
      implements SupportEvent {}

  /** {@code email} is the customer's address when the ticket was opened (for the acknowledgement). */
  @EventType(name = "support.ticket-opened")
  record TicketOpened(String ticketId, String ticketNumber, String accountId, String email, String subject,
                      String message, String serverId, String category, Instant at) implements SupportEvent {}

  @EventType(name = "support.ticket-replied")
  record TicketReplied(String ticketId, String ticketNumber, String accountId, String email, String message,
                       String repliedBy, Instant at) implements SupportEvent {}

  /** {@code reason}: the administrator's words, or null (closed without one, or before reasons were kept). */
  @EventType(name = "support.ticket-closed")
  record TicketClosed(String ticketId, String closedBy, Instant at, String reason) implements SupportEvent {}

  @EventType(name = "support.server-note-saved")
  record ServerNoteSaved(String serverId, String text, String savedBy, Instant at) implements SupportEvent {}

  @SuppressWarnings("unchecked")
  Class<? extends DomainEvent>[] TYPES = new Class[] {
      TicketNumberAllocated.class, TicketOpened.class, TicketReplied.class, TicketClosed.class, ServerNoteSaved.class
  };
}
