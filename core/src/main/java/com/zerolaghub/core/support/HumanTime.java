package com.zerolaghub.core.support;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Times as customers read them in mails and announcements: {@code 7 Dec 2026, 17:40 UTC}, never raw ISO. */
public final class HumanTime {
  private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
      .withZone(ZoneOffset.UTC);

  private HumanTime() {}

  public static String format(Instant at) {
    return FORMAT.format(at);
  }

  /** An ISO-8601 instant as text (e.g. from an event payload) made human; anything else is returned as it is. */
  public static String format(String iso) {
    if (iso == null) return null;
    try {
      return format(Instant.parse(iso));
    } catch (DateTimeParseException e) {
      return iso;
    }
  }
}
