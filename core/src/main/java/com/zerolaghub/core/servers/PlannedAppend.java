package com.zerolaghub.core.servers;

import com.zerolaghub.events.servers.ServerEvent;

import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.events.ExpectedVersion;
import com.zerolaghub.events.NewEvent;
import com.zerolaghub.events.StreamAppend;
import com.zerolaghub.events.StreamId;
import java.util.List;

/** One stream's part of a decided multi-stream write, before metadata is attached. */
public record PlannedAppend(StreamId stream, ExpectedVersion expected, List<ServerEvent> events) {
  public PlannedAppend {
    events = List.copyOf(events);
  }

  public StreamAppend toStreamAppend(EventMetadata metadata) {
    return new StreamAppend(stream, expected, events.stream().map(e -> NewEvent.of(e, metadata)).toList());
  }

  /** All parts for {@code EventStore.appendAtomically}. */
  public static List<StreamAppend> toStreamAppends(List<PlannedAppend> planned, EventMetadata metadata) {
    return planned.stream().map(p -> p.toStreamAppend(metadata)).toList();
  }
}
