package com.zerolaghub.projections.monitoring;

import java.util.Locale;

/**
 * Where a server is in its life, as monitoring needs it (the same states as the lifecycle fold
 * in {@code core}, re-derived here because projections do not depend on core).
 */
public enum Lifecycle {
  PROVISIONING,
  RUNNING,
  STOPPED,
  FAILED,
  DELETING,
  DELETED;

  /** The label value of {@code zlh_servers{state}}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
