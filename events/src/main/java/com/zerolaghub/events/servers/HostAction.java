package com.zerolaghub.events.servers;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;
import java.util.Optional;

/** Power controls of a "Server Host". Restart is stop then start. */
public enum HostAction {
  @JsonProperty("start") START,
  @JsonProperty("stop") STOP,
  @JsonProperty("restart") RESTART;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public OperationType operationType() {
    return this == START ? OperationType.START : this == STOP ? OperationType.STOP : OperationType.RESTART;
  }

  /** Parses the path segment of {@code /host/start|stop|restart}; empty for anything else. */
  public static Optional<HostAction> fromWire(String s) {
    for (HostAction a : values()) if (a.wireName().equals(s)) return Optional.of(a);
    return Optional.empty();
  }
}
