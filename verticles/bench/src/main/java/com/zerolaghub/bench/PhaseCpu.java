package com.zerolaghub.bench;

import com.zerolaghub.bench.proxy.ProcessCpu;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time spent so far by this JVM and by an embedded PostgreSQL (its postmaster, its live
 * backends, and the backends it already reaped), so a phase can report CPU per unit of work: CPU
 * is far less sensitive than wall time to a machine shared with others. {@code /proc} is read
 * through {@link ProcessCpu}.
 */
final class PhaseCpu {
  private PhaseCpu() {}

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
          long pid = Long.parseLong(name);
          String[] f = ProcessCpu.statFields(pid);
          if (f == null) continue; // the process ended while listing
          if (pid == postmaster) {
            ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
          } else if (Long.parseLong(f[1]) == postmaster) {
            ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
          }
        }
      }
      return ProcessCpu.nanos(ticks);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
