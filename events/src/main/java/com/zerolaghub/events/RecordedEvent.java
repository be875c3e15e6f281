package com.zerolaghub.events;

import java.time.Instant;
import java.util.UUID;

/**
 * An event as the log holds it: raw payload text plus its place. Decoding happens in the
 * reader through {@link EventCodec}, so one corrupt row stops only the processor that meets it.
 */
public record RecordedEvent(
    long position,
    long txId,
    UUID eventId,
    StreamId stream,
    long streamVersion,
    String type,
    int schemaVersion,
    String payload,
    EventMetadata metadata,
    Instant recordedAt) {

  public Checkpoint checkpoint() {
    return new Checkpoint(txId, position);
  }
}
