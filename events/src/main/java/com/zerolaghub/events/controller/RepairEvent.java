package com.zerolaghub.events.controller;

import com.zerolaghub.events.DomainEvent;
import com.zerolaghub.events.EventType;
import java.time.Instant;
import java.util.Map;

/**
 * What the controller found and what it did about it. Streams: {@code drift/<findingKey>}
 * (a finding opens and closes, and may open again later) and {@code repair/<repairId>}
 * (planned → started → succeeded or failed, or planned → withdrawn). Appended under the controller's fence.
 */
public sealed interface RepairEvent extends DomainEvent {
  Instant at();

  /**
   * Desired and observed state differ. {@code key} is {@code <serverId>:<kind>} (or
   * {@code operation:<id>:<kind>}); {@code evidence} says what was expected and what was seen.
   */
  @EventType(name = "drift.found")
  record DriftFound(String key, String findingId, String serverId, String kind, Map<String, String> evidence,
                    Instant at) implements RepairEvent {}

  /** A later pass saw the difference gone (repaired, or fixed by someone else). */
  @EventType(name = "drift.cleared")
  record DriftCleared(String key, String findingId, String serverId, String kind, Instant at) implements RepairEvent {}

  /**
   * A repair for a finding. {@code posture}: {@code live} (the repair worker will run it),
   * {@code dry-run} (recorded, never executed) or {@code planned-only} (levels 2 and 3).
   */
  @EventType(name = "repair.planned")
  record RepairPlanned(String repairId, String findingId, String serverId, String action, int level, String posture,
                       String detail, Instant at) implements RepairEvent {}

  /**
   * An administrator runs a planned repair by hand, once: stream {@code repair-run/<repairId>},
   * appended with "no stream" expected, so a second request for the same repair is refused.
   * The repair's own events then carry this administrator as their actor.
   */
  @EventType(name = "repair.run-requested")
  record RepairRunRequested(String repairId, String serverId, String action, int level, String requestedBy, String reason,
                            Instant at) implements RepairEvent {}

  @EventType(name = "repair.started")
  record RepairStarted(String repairId, String serverId, String action, Instant at) implements RepairEvent {}

  @EventType(name = "repair.succeeded")
  record RepairSucceeded(String repairId, String serverId, String action, String detail, Instant at) implements RepairEvent {}

  @EventType(name = "repair.failed")
  record RepairFailed(String repairId, String serverId, String action, String reason, Instant at) implements RepairEvent {}

  /**
   * A planned repair that never started will not run: its finding cleared, or it was planned
   * again under another posture ({@code controller.level1} switched to live). Appended at the
   * repair stream's version 1, so it never races a worker's {@code repair.started}.
   */
  @EventType(name = "repair.withdrawn")
  record RepairWithdrawn(String repairId, String serverId, String action, String reason, Instant at) implements RepairEvent {}

  /** Every repair event class, for {@code EventCodec.register(RepairEvent.TYPES)}. */
  @SuppressWarnings("unchecked")
  Class<? extends DomainEvent>[] TYPES = new Class[] {
      DriftFound.class, DriftCleared.class, RepairPlanned.class, RepairStarted.class, RepairSucceeded.class, RepairFailed.class,
      RepairWithdrawn.class, RepairRunRequested.class
  };
}
