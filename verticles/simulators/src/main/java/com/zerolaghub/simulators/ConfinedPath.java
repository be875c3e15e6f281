package com.zerolaghub.simulators;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Resolves a client path (e.g. {@code /world/level.dat}) inside a server root. Any {@code ..}
 * segment is refused outright, as the agent contract requires, and the normalized result must stay
 * under the root. Symlinks are not followed-checked: nothing can create one through the API.
 */
final class ConfinedPath {
  private ConfinedPath() {}

  /** The file under {@code root}, or empty when the path would leave it. */
  static Optional<Path> resolve(Path root, String requested) {
    if (requested == null || requested.indexOf('\0') >= 0) {
      return Optional.empty();
    }
    String relative = requested.replace('\\', '/');
    for (String segment : relative.split("/")) {
      if (segment.equals("..")) {
        return Optional.empty();
      }
    }
    while (relative.startsWith("/")) {
      relative = relative.substring(1);
    }
    Path resolved = root.resolve(relative).normalize();
    return resolved.startsWith(root) ? Optional.of(resolved) : Optional.empty();
  }
}
