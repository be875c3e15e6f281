package com.zerolaghub.core.command;

import com.zerolaghub.events.RecordedEvent;
import java.util.List;

/** What a handled command left behind: the new state, its version and the events appended. */
public record CommandResult<S>(S state, long version, List<RecordedEvent> appended) {
  public boolean changed() {
    return !appended.isEmpty();
  }
}
