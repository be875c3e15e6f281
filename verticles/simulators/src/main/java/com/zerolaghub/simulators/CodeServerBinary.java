package com.zerolaghub.simulators;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which code-server binary a simulated dev container runs ({@code infra.simCodeServer}): {@code off}
 * none, a path that one, empty the {@code code-server} found on PATH. Looking is file I/O: call
 * {@link #find} off the event loop.
 */
final class CodeServerBinary {
  static final String OFF = "off";
  static final String VERSION = "4.100.3";
  static final String HOW_TO_GET = "npm install -g code-server@" + VERSION + " (or set infra.simCodeServer to its path)";
  /**
   * JVM property that replaces the empty setting's PATH lookup: the test suite sets it to
   * {@code off}, so tests do not depend on what the machine has installed.
   */
  static final String EMPTY_MEANS_PROPERTY = "zlh.simCodeServer.whenEmpty";

  private CodeServerBinary() {}

  static Optional<Path> find(String setting) {
    String s = setting == null ? "" : setting.trim();
    if (s.isEmpty()) s = System.getProperty(EMPTY_MEANS_PROPERTY, "").trim();
    if (s.equalsIgnoreCase(OFF)) return Optional.empty();
    if (!s.isEmpty()) return executable(Path.of(s));
    String path = System.getenv("PATH");
    if (path == null) return Optional.empty();
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) continue;
      Optional<Path> found = executable(Path.of(dir, "code-server"));
      if (found.isPresent()) return found;
    }
    return Optional.empty();
  }

  private static Optional<Path> executable(Path candidate) {
    return Files.isRegularFile(candidate) && Files.isExecutable(candidate)
        ? Optional.of(candidate.toAbsolutePath()) : Optional.empty();
  }
}
