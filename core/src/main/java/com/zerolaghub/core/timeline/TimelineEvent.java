package com.zerolaghub.core.timeline;

import java.util.Map;

/**
 * One stored event as the timeline reads it: its type, the type of its stream, its payload as
 * plain maps, lists and scalars, what its metadata says about its cause, and the account that
 * owns the subject (a {@code user:<id>} actor other than the owner is an administrator).
 */
public record TimelineEvent(String type, String streamType, Map<String, Object> payload, String actor, String causationId,
                            String ownerId) {
  public TimelineEvent {
    payload = payload == null ? Map.of() : payload;
  }

  String text(String field) {
    Object v = payload.get(field);
    return v == null ? null : String.valueOf(v);
  }
}
