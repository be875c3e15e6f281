package com.zerolaghub.simulators;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real code-server run as a child process for one simulated dev container, with its own
 * throw-away user-data, extensions and config directories. Both methods block: call them off the
 * event loop. A JVM shutdown hook kills it too, so a node that exits never leaves one behind.
 */
final class CodeServerProcess {
  private final Process process;
  private final Path scratch;
  private final Thread killOnExit;

  private CodeServerProcess(Process process, Path scratch) {
    this.process = process;
    this.scratch = scratch;
    this.killOnExit = new Thread(this::kill, "code-server-kill-" + process.pid());
    Runtime.getRuntime().addShutdownHook(killOnExit);
  }

  static CodeServerProcess start(Path binary, String host, int port, Path workspace) {
    try {
      Path scratch = Files.createTempDirectory("zlh-sim-code-server-");
      Path data = Files.createDirectories(scratch.resolve("data"));
      Path extensions = Files.createDirectories(scratch.resolve("extensions"));
      ProcessBuilder builder = new ProcessBuilder(List.of(binary.toString(),
          "--auth", "none", "--bind-addr", host + ":" + port,
          "--disable-telemetry", "--disable-update-check", "--disable-workspace-trust",
          "--user-data-dir", data.toString(), "--extensions-dir", extensions.toString(),
          workspace.toString()))
          .redirectErrorStream(true)
          .redirectOutput(scratch.resolve("code-server.log").toFile());
      // its config.yaml and state go to the scratch directory, not the user's home
      builder.environment().put("XDG_CONFIG_HOME", Files.createDirectories(scratch.resolve("config")).toString());
      builder.environment().put("XDG_DATA_HOME", Files.createDirectories(scratch.resolve("share")).toString());
      return new CodeServerProcess(builder.start(), scratch);
    } catch (IOException e) {
      throw new UncheckedIOException("code-server " + binary + " did not start", e);
    }
  }

  boolean alive() {
    return process.isAlive();
  }

  /** Ends it and every process it started, then deletes its directories. */
  void stop() {
    try {
      Runtime.getRuntime().removeShutdownHook(killOnExit);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or about to: it kills the process itself
    }
    kill();
    deleteScratch();
  }

  private void kill() {
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroy();
    descendants.forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
      for (ProcessHandle child : descendants) {
        child.onExit().get(2, TimeUnit.SECONDS);
      }
    } catch (Exception slow) {
      descendants.forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  private void deleteScratch() {
    try (Stream<Path> paths = Files.walk(scratch)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp directory left behind is harmless
    }
  }
}
