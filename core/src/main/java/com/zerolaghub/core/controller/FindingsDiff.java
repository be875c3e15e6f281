package com.zerolaghub.core.controller;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one pass changes: findings seen now and not open before are new; findings open before
 * and not seen now cleared.
 */
public record FindingsDiff(List<Finding> found, List<String> clearedKeys) {

  public static FindingsDiff between(Set<String> openKeys, List<Finding> current) {
    Map<String, Finding> now = current.stream().collect(Collectors.toMap(Finding::key, f -> f, (a, b) -> a));
    List<Finding> found = new ArrayList<>();
    for (Finding f : now.values()) if (!openKeys.contains(f.key())) found.add(f);
    List<String> cleared = new ArrayList<>();
    for (String key : openKeys) if (!now.containsKey(key)) cleared.add(key);
    found.sort(Comparator.comparing(Finding::key));
    cleared.sort(String::compareTo);
    return new FindingsDiff(found, cleared);
  }

  public boolean empty() {
    return found.isEmpty() && clearedKeys.isEmpty();
  }
}
