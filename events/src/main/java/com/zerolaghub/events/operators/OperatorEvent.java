package com.zerolaghub.events.operators;

import com.zerolaghub.events.DomainEvent;
import com.zerolaghub.events.EventType;
import java.time.Instant;

/**
 * What an administrator did to the platform itself rather than to an account or a server (issue
 * 19): each names the administrator and, where one was typed, the reason.
 */
public sealed interface OperatorEvent extends DomainEvent {
  /** Stream {@code projection/<name>}: a rebuild beside serving generation {@code fromGeneration} was asked for. */
  @EventType(name = "projection.rebuild-requested")
  record ProjectionRebuildRequested(String name, int fromGeneration, String requestedBy, String reason, Instant at)
      implements OperatorEvent {}

  /** Stream {@code audit-export/<exportId>}: an account's events in [from, to) were exported, signed, by an administrator. */
  @EventType(name = "audit.exported")
  record AuditExported(String exportId, String accountId, Instant from, Instant to, String exportedBy, String reason, Instant at)
      implements OperatorEvent {}

  @SuppressWarnings("unchecked")
  Class<? extends DomainEvent>[] TYPES = new Class[] {ProjectionRebuildRequested.class, AuditExported.class};
}
