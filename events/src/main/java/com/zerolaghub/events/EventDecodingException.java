package com.zerolaghub.events;

/** A logged event that cannot be decoded: unknown type, corrupt payload or missing upcaster. */
public class EventDecodingException extends RuntimeException {
  private final long position;
  private final String eventType;

  public EventDecodingException(long position, String eventType, String reason, Throwable cause) {
    super("cannot decode event at position " + position + " of type '" + eventType + "': " + reason, cause);
    this.position = position;
    this.eventType = eventType;
  }

  public long position() {
    return position;
  }

  public String eventType() {
    return eventType;
  }
}
