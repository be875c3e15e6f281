package com.zerolaghub.core.servers;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** Pollable state of an operation (R2.1). */
public enum OperationStatus {
  @JsonProperty("queued") QUEUED,
  @JsonProperty("running") RUNNING,
  @JsonProperty("succeeded") SUCCEEDED,
  @JsonProperty("failed") FAILED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean finished() {
    return this == SUCCEEDED || this == FAILED;
  }
}
