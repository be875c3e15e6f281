package com.zerolaghub.projections;

import java.util.regex.Pattern;

/** Projection and table names end up in SQL identifiers and Redis keys: only plain ones pass. */
final class ProjectionNames {
  private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]{0,47}");

  private ProjectionNames() {}

  static String checked(String what, String name) {
    if (name == null || !IDENTIFIER.matcher(name).matches()) {
      throw new IllegalArgumentException(what + " must match " + IDENTIFIER.pattern() + ": " + name);
    }
    return name;
  }

  static String schema(String projection, int generation) {
    return "proj_" + projection + "_g" + generation;
  }
}
