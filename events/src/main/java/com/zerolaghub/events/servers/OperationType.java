package com.zerolaghub.events.servers;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** What a durable operation on a server does. */
public enum OperationType {
  @JsonProperty("provision") PROVISION,
  @JsonProperty("start") START,
  @JsonProperty("stop") STOP,
  @JsonProperty("restart") RESTART,
  @JsonProperty("delete") DELETE;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean isHostAction() {
    return this == START || this == STOP || this == RESTART;
  }
}
