package com.zerolaghub.projections;

import com.zerolaghub.events.DomainEvent;
import com.zerolaghub.events.EventType;

/** Events of the test projections. */
final class TestEvents {
  private TestEvents() {}

  @EventType(name = "test.counted")
  record Counted(String key) implements DomainEvent {}

  /** Known to the writer only in the undecodable-event tests. */
  @EventType(name = "test.mystery")
  record Mystery(String clue) implements DomainEvent {}
}
