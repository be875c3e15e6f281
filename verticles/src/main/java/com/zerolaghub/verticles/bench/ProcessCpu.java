package com.zerolaghub.verticles.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU time spent so far by this JVM and by an embedded PostgreSQL (its postmaster, its live
 * backends, and the backends it already reaped), read from the OS, so a phase can report CPU
 * per unit of work: CPU is far less sensitive than wall time to a machine shared with others.
 */
final class ProcessCpu {
  /** Linux's USER_HZ, the unit of /proc/[pid]/stat times, on every platform this runs on. */
  private static final long NANOS_PER_TICK = 10_000_000L;

  private ProcessCpu() {}

  /** This JVM's CPU time in nanoseconds (all threads, user and system), or 0 if unknown. */
  static long jvmNanos() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? Math.max(0, sun.getProcessCpuTime()) : 0;
  }

  /**
   * CPU time in nanoseconds of the PostgreSQL whose data directory is {@code dataDir}: the
   * postmaster named by its postmaster.pid, every live child, and children already waited for
   * (cutime/cstime); -1 if it cannot be read (no /proc, no pid file).
   */
  static long postgresNanos(Path dataDir) {
    try {
      long postmaster = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
      long ticks = 0;
      try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
        for (Path p : (Iterable<Path>) procs::iterator) {
          String name = p.getFileName().toString();
          if (!name.chars().allMatch(Character::isDigit)) continue;
          List<String> f = statFields(p);
          if (f == null) continue;
          long pid = Long.parseLong(name);
          if (pid == postmaster) {
            ticks += Long.parseLong(f.get(11)) + Long.parseLong(f.get(12)) + Long.parseLong(f.get(13)) + Long.parseLong(f.get(14));
          } else if (Long.parseLong(f.get(1)) == postmaster) {
            ticks += Long.parseLong(f.get(11)) + Long.parseLong(f.get(12));
          }
        }
      }
      return ticks * NANOS_PER_TICK;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** The fields of /proc/[pid]/stat after the command name: index 0 is state, 1 ppid, 11 utime, 12 stime, 13 cutime, 14 cstime. */
  private static List<String> statFields(Path proc) {
    try {
      String stat = Files.readString(proc.resolve("stat"));
      // the command name is in parentheses and may hold spaces: fields start after the last ')'
      return List.of(stat.substring(stat.lastIndexOf(')') + 2).trim().split(" "));
    } catch (IOException | RuntimeException e) {
      return null; // the process ended while listing
    }
  }
}
