package com.zerolaghub.projections;

import com.zerolaghub.events.Checkpoint;
import com.zerolaghub.events.DomainEvent;
import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.events.RecordedEvent;
import com.zerolaghub.events.StreamId;
import java.time.Instant;

/** A logged event with its decoded payload, as projections receive it. */
public record DecodedEvent(RecordedEvent recorded, DomainEvent event) {

  public long position() {
    return recorded.position();
  }

  public Checkpoint checkpoint() {
    return recorded.checkpoint();
  }

  public StreamId stream() {
    return recorded.stream();
  }

  public long streamVersion() {
    return recorded.streamVersion();
  }

  public String type() {
    return recorded.type();
  }

  public EventMetadata metadata() {
    return recorded.metadata();
  }

  public Instant recordedAt() {
    return recorded.recordedAt();
  }
}
