package com.zerolaghub.verticles.timeline;

import com.zerolaghub.core.timeline.Sentence;
import com.zerolaghub.core.timeline.TimelineEvent;
import com.zerolaghub.core.timeline.TimelineSentences;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Stored rows as the timeline answers them: for operators (every event, raw link) or for the owner (what they may see). */
public final class TimelineRows {
  /** The columns every reader of rows here selects from {@code event_log}. */
  public static final String COLUMNS = "position, event_id, stream_type, stream_id, stream_version, event_type, schema_version, "
      + "payload::text AS payload, metadata::text AS metadata, recorded_at";

  private TimelineRows() {}

  static Sentence sentence(Row r, String ownerId) {
    JsonObject metadata = new JsonObject(r.getString("metadata"));
    @SuppressWarnings("unchecked")
    Map<String, Object> payload = (Map<String, Object>) plain(new JsonObject(r.getString("payload")));
    return TimelineSentences.describe(new TimelineEvent(r.getString("event_type"), r.getString("stream_type"), payload,
        metadata.getString("actor"), metadata.getString("causationId"), ownerId));
  }

  public static JsonObject forOperators(Row r, String ownerId) {
    Sentence s = sentence(r, ownerId);
    long position = r.getLong("position");
    JsonObject cause = new JsonObject().put("kind", s.cause().kind()).put("text", s.cause().text());
    if (s.cause().adminId() != null) cause.put("adminId", s.cause().adminId());
    return new JsonObject().put("position", position).put("at", at(r)).put("type", r.getString("event_type"))
        .put("stream", r.getString("stream_type") + "/" + r.getString("stream_id")).put("text", s.text()).put("cause", cause)
        .put("raw", "/api/admin/events/" + position);
  }

  /** Null when the customer may not see the event. */
  static JsonObject forOwner(Row r, String ownerId) {
    Sentence s = sentence(r, ownerId);
    if (!s.customerVisible()) return null;
    return new JsonObject().put("position", r.getLong("position")).put("at", at(r)).put("type", r.getString("event_type"))
        .put("text", s.customerText())
        .put("cause", new JsonObject().put("kind", s.cause().kind()).put("text", s.cause().customerText()));
  }

  static JsonObject raw(Row r) {
    return new JsonObject().put("position", r.getLong("position")).put("eventId", r.getUUID("event_id").toString())
        .put("type", r.getString("event_type")).put("schemaVersion", r.getInteger("schema_version"))
        .put("stream", new JsonObject().put("type", r.getString("stream_type")).put("id", r.getString("stream_id")))
        .put("version", r.getLong("stream_version")).put("payload", new JsonObject(r.getString("payload")))
        .put("metadata", new JsonObject(r.getString("metadata"))).put("recordedAt", at(r));
  }

  private static String at(Row r) {
    return r.getOffsetDateTime("recorded_at").toInstant().toString();
  }

  /** JSON as plain maps and lists, for the pure sentence rules. */
  static Object plain(Object v) {
    if (v instanceof JsonObject o) {
      Map<String, Object> m = new LinkedHashMap<>();
      o.forEach(e -> m.put(e.getKey(), plain(e.getValue())));
      return m;
    }
    if (v instanceof JsonArray a) {
      List<Object> l = new ArrayList<>();
      a.forEach(x -> l.add(plain(x)));
      return l;
    }
    return v;
  }
}
