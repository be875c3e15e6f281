package com.zerolaghub.verticles.cli;

import com.zerolaghub.events.EventCodec;
import com.zerolaghub.events.RecordedEvent;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * One event as one line of JSON, the format of {@code events tail} and {@code events export}:
 * {@code {"position","checkpoint","eventId","streamType","streamId","streamVersion","type",
 * "schemaVersion","recordedAt","payload":{…},"metadata":{…}}}.
 */
final class EventLines {
  private EventLines() {}

  static String of(RecordedEvent e, EventCodec codec) {
    return of(e.position(), e.txId(), e.eventId().toString(), e.stream().type(), e.stream().id(), e.streamVersion(),
        e.type(), e.schemaVersion(), e.recordedAt(), e.payload(), codec.encode(e.metadata()));
  }

  static String of(long position, long txId, String eventId, String streamType, String streamId, long streamVersion,
      String type, int schemaVersion, Instant recordedAt, String payloadJson, String metadataJson) {
    return new JsonObject()
        .put("position", position)
        .put("checkpoint", txId + ":" + position)
        .put("eventId", eventId)
        .put("streamType", streamType)
        .put("streamId", streamId)
        .put("streamVersion", streamVersion)
        .put("type", type)
        .put("schemaVersion", schemaVersion)
        .put("recordedAt", recordedAt.toString())
        .put("payload", new JsonObject(payloadJson))
        .put("metadata", new JsonObject(metadataJson))
        .encode();
  }
}
