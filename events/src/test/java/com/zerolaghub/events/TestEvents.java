package com.zerolaghub.events;

/** Event records used only by the event store's own tests. */
final class TestEvents {
  private TestEvents() {}

  @EventType(name = "test.counted")
  record Counted(int n) implements DomainEvent {}

  /** Version 2 split the old {@code name} into first and last. */
  @EventType(name = "test.named", version = 2)
  record Named(String first, String last) implements DomainEvent {}

  static EventCodec codec() {
    return new EventCodec().register(Counted.class, Named.class);
  }
}
