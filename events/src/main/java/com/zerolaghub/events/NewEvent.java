package com.zerolaghub.events;

import java.util.Objects;
import java.util.UUID;

/** An event about to be appended. */
public record NewEvent(UUID eventId, DomainEvent event, EventMetadata metadata) {
  public NewEvent {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(metadata, "metadata");
  }

  public static NewEvent of(DomainEvent event, EventMetadata metadata) {
    return new NewEvent(UUID.randomUUID(), event, metadata);
  }
}
