package com.zerolaghub.events.servers;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** Teardown steps in the order they run: stop routing players first, destroy the container last. */
public enum TeardownPhase {
  @JsonProperty("deregister-velocity") DEREGISTER_VELOCITY,
  @JsonProperty("remove-dns") REMOVE_DNS,
  @JsonProperty("destroy-container") DESTROY_CONTAINER,
  @JsonProperty("verify-gone") VERIFY_GONE;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
