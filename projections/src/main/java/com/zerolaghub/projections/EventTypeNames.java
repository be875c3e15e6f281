package com.zerolaghub.projections;

import com.zerolaghub.events.DomainEvent;
import com.zerolaghub.events.EventType;
import java.util.HashSet;
import java.util.Set;

/** The stored type names of event records, for a projection's {@code handles(type)}. */
public final class EventTypeNames {
  private EventTypeNames() {}

  @SafeVarargs
  public static Set<String> of(Class<? extends DomainEvent>... types) {
    Set<String> names = new HashSet<>();
    for (Class<? extends DomainEvent> type : types) {
      EventType meta = type.getAnnotation(EventType.class);
      if (meta == null) throw new IllegalArgumentException(type + " lacks @EventType");
      names.add(meta.name());
    }
    return Set.copyOf(names);
  }
}
