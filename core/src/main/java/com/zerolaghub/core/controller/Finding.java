package com.zerolaghub.core.controller;

import java.util.Map;

/**
 * One difference between desired and observed state. {@code key} identifies it across passes
 * (the same drift seen again is the same finding); {@code evidence} says what was expected and
 * what was seen.
 */
public record Finding(String key, String serverId, DriftKind kind, Map<String, String> evidence) {
  public Finding {
    evidence = Map.copyOf(evidence);
  }

  static String keyOf(String subject, DriftKind kind) {
    return subject + ":" + kind.wireName();
  }
}
