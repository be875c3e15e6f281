package com.zerolaghub.core.support;

import com.zerolaghub.events.StreamId;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Human-readable ticket numbers {@code ZLH-YYYYMMDD-XXXX}: the UTC day and its 4-digit sequence. */
public final class TicketNumbers {
  public static final String DAY_STREAM = "ticket-day";
  public static final String TICKET_STREAM = "ticket";
  /** More than this many tickets on one UTC day would need a fifth digit. */
  public static final int MAX_PER_DAY = 9999;
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

  private TicketNumbers() {}

  public static String day(Instant at) {
    return DAY.format(at);
  }

  public static String format(String day, int sequence) {
    if (sequence < 1 || sequence > MAX_PER_DAY) throw new IllegalArgumentException("sequence out of range: " + sequence);
    return String.format("ZLH-%s-%04d", day, sequence);
  }

  public static StreamId dayStream(String day) {
    return StreamId.of(DAY_STREAM, day);
  }

  public static StreamId ticketStream(String ticketId) {
    return StreamId.of(TICKET_STREAM, ticketId);
  }
}
