package com.zerolaghub.events;

import java.util.Objects;

/** Identifies one stream of the log: a stream type ("account", "server", …) and an id within it. */
public record StreamId(String type, String id) {
  public StreamId {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(id, "id");
    if (type.isBlank() || id.isBlank()) throw new IllegalArgumentException("stream type and id must not be blank");
  }

  public static StreamId of(String type, String id) {
    return new StreamId(type, id);
  }

  @Override
  public String toString() {
    return type + "/" + id;
  }
}
