package com.zerolaghub.verticles.embedded;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded server process named by a pid file of the data directory (PostgreSQL's
 * {@code postmaster.pid}, Redis's {@code pidfile}), and the one way it is stopped when its node
 * is gone: a small {@code /bin/sh} script that reads the pid, checks that the process still is
 * that server (a pid can be reused: a pid file naming another program is removed, one naming a
 * process it cannot see is left alone), signals it, waits for its exit and escalates after a grace.
 *
 * <p>The same script serves twice. {@link #stopLeftover()} runs it at once, before a start, on
 * what a dead node left. {@link #watchThisJvm()} starts it before the server, blocked reading its
 * stdin, a pipe whose only writer is this JVM: when the JVM dies, even by SIGKILL, the kernel
 * closes the pipe, the read ends and the server is stopped within a second. No polling and no
 * pid of the JVM to be reused; {@link Watch#release()} writes a line instead, and the script
 * exits without acting. A shell rather than a second JVM: a few hundred kilobytes, started in
 * milliseconds, and nothing the jar must provide.
 */
final class PidFileProcess {
  private static final Logger log = LoggerFactory.getLogger(PidFileProcess.class);
  private static final Path SHELL = Path.of("/bin/sh");
  /** Exit codes of {@link #SCRIPT}. */
  private static final int NOTHING_RUNNING = 0;
  private static final int STOPPED = 10;
  /** The script's own name in {@code ps}, before its arguments (pid file first). */
  static final String WATCH_NAME = "zlh-embedded-watch";

  // $1 pid file, $2 what the process's command line must contain, $3 signal, $4 escalation
  // signal, $5 tenths of a second before escalating (and as many again before giving up).
  private static final String SCRIPT = String.join("\n",
      "# " + WATCH_NAME + ": stops the server its pid file names when the node that started it is gone",
      "trap '' INT TERM HUP",
      "read -r _ && exit 0",
      "[ -f \"$1\" ] || exit 0",
      "pid=$(head -n 1 \"$1\" 2>/dev/null)",
      "case \"$pid\" in ''|*[!0-9]*) exit 0 ;; esac",
      "gone() { ! kill -0 \"$pid\" 2>/dev/null || [ \"$(sed 's/.*) //' /proc/$pid/stat 2>/dev/null | cut -c1)\" = Z ]; }",
      "args() { if [ -r /proc/$pid/cmdline ]; then tr '\\000' ' ' </proc/$pid/cmdline; else ps -o args= -p \"$pid\" 2>/dev/null; fi; }",
      "gone && { rm -f \"$1\"; exit 0; }",
      "cmd=$(args)",
      "[ -n \"$cmd\" ] || exit 0",
      "case \"$cmd\" in *\"$2\"*) ;; *) rm -f \"$1\"; exit 0 ;; esac",
      "echo \"$(date -u +%Y-%m-%dT%H:%M:%SZ) $2 (pid $pid, $1) left without its node: SIG$3\"",
      "kill -s \"$3\" \"$pid\" 2>/dev/null",
      "i=0",
      "until gone; do",
      "  i=$((i + 1))",
      "  if [ \"$i\" -eq \"$5\" ]; then echo \"$2 (pid $pid) still running: SIG$4\"; kill -s \"$4\" \"$pid\" 2>/dev/null; fi",
      "  if [ \"$i\" -ge $(($5 * 2)) ]; then echo \"$2 (pid $pid) still running, giving up\"; exit 1; fi",
      "  sleep 0.1",
      "done",
      "echo \"$(date -u +%Y-%m-%dT%H:%M:%SZ) $2 (pid $pid) stopped\"",
      "exit " + STOPPED);

  private final Path pidFile;
  private final String marker;
  private final String signal;
  private final String escalation;
  private final int graceTenths;
  private final Path logFile;

  /**
   * @param marker text the process's command line contains ({@code postgres}, {@code redis-server})
   * @param signal the clean stop (PostgreSQL's fast shutdown is INT), escalated after {@code graceTenths}
   * @param logFile where the script says what it did (the node's log may be gone)
   */
  PidFileProcess(Path pidFile, String marker, String signal, String escalation, int graceTenths, Path logFile) {
    this.pidFile = pidFile.toAbsolutePath();
    this.marker = marker;
    this.signal = signal;
    this.escalation = escalation;
    this.graceTenths = graceTenths;
    this.logFile = logFile.toAbsolutePath();
  }

  /**
   * Stops the server the pid file names when it still runs (its owner is gone: the caller holds
   * the {@link OwnerLock}); removes a pid file naming anything else. Blocks until it exited.
   * Answers whether a server was stopped.
   */
  boolean stopLeftover() {
    if (!Files.exists(pidFile) || !Files.isExecutable(SHELL)) return false;
    try {
      Process script = builder().redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
      long waitSeconds = graceTenths * 2L / 10 + 5;
      if (!script.waitFor(waitSeconds, TimeUnit.SECONDS)) {
        script.destroyForcibly();
        throw new IllegalStateException("cannot stop the " + marker + " left running by " + pidFile + " in " + waitSeconds + " s");
      }
      int code = script.exitValue();
      if (code == NOTHING_RUNNING) return false;
      if (code == STOPPED) return true;
      throw new IllegalStateException("cannot stop the " + marker + " left running by " + pidFile + " (see " + logFile + ")");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + SHELL + " to stop a leftover " + marker, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping a leftover " + marker, e);
    }
  }

  /** Starts the watch that stops the server when this JVM dies; release it once the server is stopped. */
  Watch watchThisJvm() {
    if (!Files.isExecutable(SHELL)) {
      log.warn("no {}: the embedded {} would outlive this process if it were killed", SHELL, marker);
      return new Watch(null);
    }
    try {
      return new Watch(builder().redirectInput(ProcessBuilder.Redirect.PIPE).start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the watch of the embedded " + marker, e);
    }
  }

  private ProcessBuilder builder() throws IOException {
    Files.createDirectories(logFile.getParent());
    return new ProcessBuilder(List.of(SHELL.toString(), "-c", SCRIPT, WATCH_NAME,
        pidFile.toString(), marker, signal, escalation, Integer.toString(graceTenths)))
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
        .redirectErrorStream(true);
  }

  /**
   * A running watch: the script blocked on its stdin, the write end of which only this JVM holds.
   * Keep it reachable while the server runs: a collected pipe closes, and the server stops.
   */
  static final class Watch {
    private final Process script;

    private Watch(Process script) {
      this.script = script;
    }

    /** Ends the watch without stopping anything (the server was stopped, or is to be kept). Idempotent. */
    void release() {
      if (script == null || !script.isAlive()) return;
      try (OutputStream in = script.getOutputStream()) {
        in.write("release\n".getBytes(StandardCharsets.US_ASCII));
      } catch (IOException e) {
        // the script is gone already
      }
      try {
        if (!script.waitFor(2, TimeUnit.SECONDS)) script.destroyForcibly();
      } catch (InterruptedException e) {
        script.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }

    long pid() {
      return script == null ? -1 : script.pid();
    }
  }
}
