package com.zerolaghub.events.support;

import com.zerolaghub.events.DomainEvent;
import com.zerolaghub.events.EventType;
import java.time.Instant;

/**
 * One notification's life, in stream {@code notification/<sourceEventId>:<channel>}: created
 * with no-stream before the first send (so two senders never both start), then one outcome.
 * No addresses or message text: those are in the source event.
 */
public sealed interface NotificationEvent extends DomainEvent {
  @EventType(name = "notification.intended")
  record NotificationIntended(String sourceEventId, String channel, String kind, Instant at) implements NotificationEvent {}

  @EventType(name = "notification.sent")
  record NotificationSent(String sourceEventId, String channel, int attempts, Instant at) implements NotificationEvent {}

  /** Given up: a permanent refusal, or attempts exhausted. */
  @EventType(name = "notification.failed")
  record NotificationFailed(String sourceEventId, String channel, String reason, int attempts, Instant at)
      implements NotificationEvent {}

  @SuppressWarnings("unchecked")
  Class<? extends DomainEvent>[] TYPES = new Class[] {
      NotificationIntended.class, NotificationSent.class, NotificationFailed.class
  };
}
