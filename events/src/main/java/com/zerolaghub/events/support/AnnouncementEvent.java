package com.zerolaghub.events.support;

import com.zerolaghub.events.DomainEvent;
import com.zerolaghub.events.EventType;
import java.time.Instant;

/** Operator announcements, stream {@code announcement/<id>}; {@code accountId} null means everyone. */
public sealed interface AnnouncementEvent extends DomainEvent {
  @EventType(name = "announcement.published")
  record AnnouncementPublished(String id, String message, String severity, Instant startsAt, Instant endsAt, String accountId,
                               String publishedBy, Instant at) implements AnnouncementEvent {}

  @EventType(name = "announcement.expired")
  /** {@code reason}: the administrator's words, or null (expired without one, or before reasons were kept). */
  record AnnouncementExpired(String id, String expiredBy, Instant at, String reason) implements AnnouncementEvent {}

  @SuppressWarnings("unchecked")
  Class<? extends DomainEvent>[] TYPES = new Class[] {AnnouncementPublished.class, AnnouncementExpired.class};
}
