package com.zerolaghub.core.support;

import com.zerolaghub.core.command.Rejection;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The limits a new ticket must meet before anything is appended. */
public final class TicketInput {
  public static final int MAX_SUBJECT = 200;
  public static final int MAX_MESSAGE = 10_000;
  public static final Set<String> CATEGORIES = Set.of("billing", "technical", "account", "other");

  private TicketInput() {}

  /** @throws Rejection INVALID naming every field out of bounds */
  public static void check(String subject, String message, String category) {
    List<Rejection.FieldError> errors = new ArrayList<>();
    if (subject == null || subject.isBlank()) errors.add(new Rejection.FieldError("subject", "is required"));
    else if (subject.length() > MAX_SUBJECT) errors.add(new Rejection.FieldError("subject", "at most " + MAX_SUBJECT + " characters"));
    if (message == null || message.isBlank()) errors.add(new Rejection.FieldError("message", "is required"));
    else if (message.length() > MAX_MESSAGE) errors.add(new Rejection.FieldError("message", "at most " + MAX_MESSAGE + " characters"));
    if (category == null || !CATEGORIES.contains(category)) {
      errors.add(new Rejection.FieldError("category", "one of " + String.join(", ", CATEGORIES.stream().sorted().toList())));
    }
    if (!errors.isEmpty()) throw new Rejection(Rejection.Kind.INVALID, "ticket-invalid", "the ticket is not valid", errors);
  }
}
