package com.zerolaghub.events.servers;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** The container's power state as last observed or commanded by the platform. */
public enum HostState {
  /** No container has been started (or it was destroyed). */
  @JsonProperty("none") NONE,
  @JsonProperty("running") RUNNING,
  @JsonProperty("stopped") STOPPED,
  /** A power change was started and its outcome is not recorded: it may be running. */
  @JsonProperty("unknown") UNKNOWN;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True when deleting must wait for a stop: running, or possibly running. */
  public boolean mayRun() {
    return this == RUNNING || this == UNKNOWN;
  }
}
