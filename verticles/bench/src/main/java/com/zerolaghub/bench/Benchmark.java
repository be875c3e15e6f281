package com.zerolaghub.bench;

import java.io.PrintWriter;
import java.util.List;

/** A measurement run by {@code zlh bench <name> [args…]}. */
public interface Benchmark {
  /** The name it is run by: lower-case words joined by dashes ("append-throughput"). */
  String name();

  /** One line for {@code zlh bench} listings. */
  String description();

  /**
   * Runs and prints exactly one line of JSON to {@code out}: the summary (what ran, with what
   * parameters, the results and their units). Progress goes to the log (stderr).
   *
   * @param args the arguments after the benchmark's name, for the benchmark to parse
   */
  void run(List<String> args, PrintWriter out) throws Exception;
}
