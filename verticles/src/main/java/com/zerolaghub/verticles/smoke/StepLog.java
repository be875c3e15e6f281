package com.zerolaghub.verticles.smoke;

import com.zerolaghub.verticles.smoke.SmokeResult.StepTime;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/** Runs named steps one after the other and prints one line per step with its time. */
final class StepLog {
  private final PrintWriter out;
  private final List<StepTime> steps = new ArrayList<>();
  private String failed;
  private String reason;

  StepLog(PrintWriter out) {
    this.out = out;
  }

  /** Runs {@code body} as step {@code name}; a failure is printed, remembered (the first one) and rethrown. */
  <T> T run(String name, Supplier<T> body) {
    long start = System.nanoTime();
    try {
      T result = body.get();
      print(name, start, "ok", result instanceof Note n ? n.text() : "");
      return result;
    } catch (RuntimeException e) {
      String why = e instanceof SmokeCheckFailed ? e.getMessage() : e.toString();
      print(name, start, "FAIL", why);
      if (failed == null) {
        failed = name;
        reason = why;
      }
      throw e;
    }
  }

  void run(String name, Runnable body) {
    run(name, () -> {
      body.run();
      return null;
    });
  }

  void skip(String name, String why) {
    print(name, System.nanoTime(), "skip", why);
  }

  String failed() {
    return failed;
  }

  String reason() {
    return reason;
  }

  List<StepTime> steps() {
    return List.copyOf(steps);
  }

  PrintWriter out() {
    return out;
  }

  private void print(String name, long start, String outcome, String note) {
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    steps.add(new StepTime(name, took, outcome, note));
    out.println(String.format(Locale.ROOT, "%-4s %7.2fs  %s%s", outcome, took.toNanos() / 1e9, name,
        note == null || note.isEmpty() ? "" : "  (" + note + ")"));
    out.flush();
  }

  /** A step's result that adds a short note to its line. */
  record Note(String text) {}
}
