package com.zerolaghub.core.servers;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** Where a server is in its life, as folded from its stream. */
public enum LifecycleState {
  @JsonProperty("provisioning") PROVISIONING,
  @JsonProperty("running") RUNNING,
  @JsonProperty("stopped") STOPPED,
  /** Provisioning failed; the server can be stopped (if its host may run) and deleted. */
  @JsonProperty("failed") FAILED,
  @JsonProperty("deleting") DELETING,
  @JsonProperty("deleted") DELETED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
