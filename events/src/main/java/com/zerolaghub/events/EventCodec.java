package com.zerolaghub.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Jackson codec between event records and the log's JSON. Type names and schema versions come
 * from {@link EventType}; older stored versions pass through the registered {@link Upcaster}s.
 */
public final class EventCodec {
  private final ObjectMapper mapper;
  private final Map<String, Class<? extends DomainEvent>> classByName = new ConcurrentHashMap<>();
  private final Map<Class<?>, EventType> typeByClass = new ConcurrentHashMap<>();
  private final Map<String, Map<Integer, Upcaster>> upcasters = new ConcurrentHashMap<>();

  public EventCodec() {
    this.mapper = newMapper();
  }

  /** The mapper every module uses for event JSON: ISO instants, unknown fields tolerated on read. */
  public static ObjectMapper newMapper() {
    return new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .setSerializationInclusion(JsonInclude.Include.NON_NULL);
  }

  public ObjectMapper mapper() {
    return mapper;
  }

  @SafeVarargs
  public final EventCodec register(Class<? extends DomainEvent>... types) {
    for (Class<? extends DomainEvent> type : types) {
      EventType meta = type.getAnnotation(EventType.class);
      if (meta == null) throw new IllegalArgumentException(type + " lacks @EventType");
      Class<? extends DomainEvent> previous = classByName.putIfAbsent(meta.name(), type);
      if (previous != null && previous != type) {
        throw new IllegalArgumentException("event type name '" + meta.name() + "' used by " + previous + " and " + type);
      }
      typeByClass.put(type, meta);
    }
    return this;
  }

  public EventCodec registerUpcaster(Upcaster upcaster) {
    upcasters.computeIfAbsent(upcaster.eventType(), k -> new HashMap<>()).put(upcaster.fromVersion(), upcaster);
    return this;
  }

  public boolean knows(String typeName) {
    return classByName.containsKey(typeName);
  }

  public EventType typeOf(DomainEvent event) {
    EventType meta = typeByClass.get(event.getClass());
    if (meta == null) throw new IllegalArgumentException("unregistered event class " + event.getClass().getName());
    return meta;
  }

  public String encode(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot encode " + value.getClass().getSimpleName(), e);
    }
  }

  public EventMetadata decodeMetadata(String json) {
    try {
      return mapper.readValue(json, EventMetadata.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("corrupt metadata", e);
    }
  }

  /** Decodes a recorded event, upcasting older schema versions first. */
  public DomainEvent decode(RecordedEvent recorded) {
    Class<? extends DomainEvent> type = classByName.get(recorded.type());
    if (type == null) {
      throw new EventDecodingException(recorded.position(), recorded.type(), "unknown event type", null);
    }
    int current = typeByClass.get(type).version();
    try {
      JsonNode node = mapper.readTree(recorded.payload());
      if (!(node instanceof ObjectNode payload)) {
        throw new EventDecodingException(recorded.position(), recorded.type(), "payload is not a JSON object", null);
      }
      for (int v = recorded.schemaVersion(); v < current; v++) {
        Upcaster upcaster = upcasters.getOrDefault(recorded.type(), Map.of()).get(v);
        if (upcaster == null) {
          throw new EventDecodingException(recorded.position(), recorded.type(), "no upcaster from version " + v, null);
        }
        payload = upcaster.upcast(payload);
      }
      if (recorded.schemaVersion() > current) {
        throw new EventDecodingException(recorded.position(), recorded.type(),
            "schema version " + recorded.schemaVersion() + " is newer than this build's " + current, null);
      }
      return mapper.treeToValue(payload, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new EventDecodingException(recorded.position(), recorded.type(), e.getMessage(), e);
    }
  }
}
