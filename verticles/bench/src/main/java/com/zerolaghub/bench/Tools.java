package com.zerolaghub.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds external programs a benchmark runs, on PATH or in the sbin directories Debian uses. */
final class Tools {
  private Tools() {}

  static String find(String name) {
    String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin" + File.pathSeparator + "/sbin";
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) continue;
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) return candidate.toString();
    }
    throw new IllegalStateException(name + " is not installed (Debian: apt-get install -y " + name + ")");
  }
}
