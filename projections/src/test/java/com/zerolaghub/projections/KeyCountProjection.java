package com.zerolaghub.projections;

import java.util.HashMap;
import java.util.Map;

/** In-memory counts of Counted events per key. */
final class KeyCountProjection implements MemoryProjection<KeyCountProjection.Counts> {
  private final String name;

  KeyCountProjection(String name) {
    this.name = name;
  }

  record Counts(long events, Map<String, Long> byKey) {}

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean handles(String eventType) {
    return eventType.equals("test.counted");
  }

  @Override
  public Model<Counts> newModel() {
    return new Model<>() {
      private final Map<String, Long> byKey = new HashMap<>();
      private long events;

      @Override
      public void apply(DecodedEvent event) {
        TestEvents.Counted c = (TestEvents.Counted) event.event();
        byKey.merge(c.key(), 1L, Long::sum);
        events++;
      }

      @Override
      public Counts view() {
        return new Counts(events, Map.copyOf(byKey));
      }
    };
  }
}
