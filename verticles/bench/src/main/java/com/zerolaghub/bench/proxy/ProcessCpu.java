package com.zerolaghub.bench.proxy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU time (user + system) a process and its children have used so far, read from
 * {@code /proc/<pid>/stat} (Linux). A bench reads it before and after a run and divides the
 * difference by the requests served: what the process spent per request, whatever else shares
 * the machine. Its resolution is one clock tick (10 ms), small against a run's seconds.
 */
public final class ProcessCpu {
  private static final long TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux architecture Debian ships

  private ProcessCpu() {}

  /** CPU nanoseconds used by {@code pid} and its live children (nginx's workers), or -1 when unreadable. */
  public static long nanosWithChildren(long pid) {
    List<Long> pids = new ArrayList<>();
    pids.add(pid);
    ProcessHandle.of(pid).ifPresent(handle -> handle.children().forEach(child -> pids.add(child.pid())));
    long ticks = 0;
    for (long p : pids) {
      long own = ticksOf(p);
      if (own < 0) {
        return -1;
      }
      ticks += own;
    }
    return nanos(ticks);
  }

  /** Nanoseconds in {@code ticks} clock ticks (the unit of {@code /proc/<pid>/stat}'s times). */
  public static long nanos(long ticks) {
    return ticks * (1_000_000_000L / TICKS_PER_SECOND);
  }

  /** utime + stime of one process, in clock ticks. */
  static long ticksOf(long pid) {
    String[] after = statFields(pid);
    return after == null ? -1 : Long.parseLong(after[11]) + Long.parseLong(after[12]);
  }

  /**
   * The fields of {@code /proc/<pid>/stat} after the command's closing parenthesis (the name may
   * hold spaces): index 0 is the state (field 3), 1 the parent pid, 11 utime, 12 stime, 13 cutime,
   * 14 cstime; null when the process is gone or unreadable.
   */
  public static String[] statFields(long pid) {
    try {
      return fieldsIn(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  static String[] fieldsIn(String stat) {
    return stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
  }
}
