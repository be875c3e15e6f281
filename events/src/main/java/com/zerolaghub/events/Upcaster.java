package com.zerolaghub.events;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Turns a stored payload of one schema version of an event type into the next version's shape. */
public interface Upcaster {
  String eventType();

  /** The version this upcaster reads; it produces {@code fromVersion() + 1}. */
  int fromVersion();

  ObjectNode upcast(ObjectNode payload);
}
