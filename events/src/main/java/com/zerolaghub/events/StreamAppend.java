package com.zerolaghub.events;

import java.util.List;

/** One stream's part of an atomic multi-stream append. */
public record StreamAppend(StreamId stream, ExpectedVersion expected, List<NewEvent> events) {
  public StreamAppend {
    events = List.copyOf(events);
  }
}
