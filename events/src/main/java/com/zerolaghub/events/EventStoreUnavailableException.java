package com.zerolaghub.events;

/** The log could not be reached; nothing was appended. Callers answer 503 and may retry. */
public class EventStoreUnavailableException extends RuntimeException {
  public EventStoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
