package com.zerolaghub.verticles.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code zlh sd sync}: the file_sd variant of discovery, for hosts where Prometheus should not
 * call the API. Once (from a timer) or {@code --watch}. The token comes from a file only, never
 * from the command line, and is never printed.
 */
@Command(name = "sync", mixinStandardHelpOptions = true,
    description = {"Fetches /sd/exporters and writes it as a Prometheus file_sd target file, atomically.",
        "On failure the target file is left as it was, the metrics file says zlh_file_sd_up 0, and the command "
            + "exits 1 with the reason (with --watch it retries with back-off instead)."})
final class SdSyncCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--url", required = true, paramLabel = "URL",
      description = "A node's base URL (http://zlh-api:8080) or the full discovery URL.")
  URI url;

  @Option(names = "--token-file", paramLabel = "FILE",
      description = "File holding the discovery token (monitoring.sdToken). Omit only against a node in development mode.")
  Path tokenFile;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Target file Prometheus reads (file_sd_configs).")
  Path out;

  @Option(names = "--metrics-file", paramLabel = "FILE",
      description = "node_exporter textfile-collector file (*.prom) for zlh_file_sd_* metrics.")
  Path metricsFile;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s", converter = DurationText.class,
      description = "How long to wait for discovery (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = "--watch", description = "Keep syncing every --interval; never exit on a failed sync.")
  boolean watch;

  @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "30s", converter = DurationText.class,
      description = "Time between syncs with --watch (default: ${DEFAULT-VALUE}).")
  Duration interval;

  @Option(names = "--max-backoff", paramLabel = "DURATION", defaultValue = "60s", converter = DurationText.class,
      description = "Longest wait between retries after failures with --watch (default: ${DEFAULT-VALUE}).")
  Duration maxBackoff;

  @Override
  public Integer call() throws Exception {
    if (url.getScheme() == null || !(url.getScheme().equals("http") || url.getScheme().equals("https")) || url.getHost() == null) {
      throw new ParameterException(spec.commandLine(), "--url must be an http:// or https:// URL");
    }
    FileSdSync sync = new FileSdSync(FileSdSync.discoveryUrl(url), readToken(), out, metricsFile, timeout, Clock.systemUTC());
    PrintWriter stdout = spec.commandLine().getOut();
    if (!watch) {
      long targets = sync.syncOnce();
      stdout.println("wrote " + targets + " targets to " + out);
      return 0;
    }
    watch(sync, stdout, spec.commandLine().getErr());
    return 0;
  }

  /** Runs until interrupted (SIGTERM ends the JVM); a failure only shortens the next wait. */
  private void watch(FileSdSync sync, PrintWriter stdout, PrintWriter stderr) throws InterruptedException {
    RetryDelays retries = new RetryDelays(interval.compareTo(Duration.ofSeconds(1)) < 0 ? interval : Duration.ofSeconds(1),
        maxBackoff);
    int failures = 0;
    while (!Thread.currentThread().isInterrupted()) {
      Duration wait;
      try {
        long targets = sync.syncOnce();
        if (failures > 0) stdout.println("sd sync recovered after " + failures + " failed attempts");
        failures = 0;
        stdout.println("wrote " + targets + " targets to " + out);
        wait = interval;
      } catch (FileSdSync.Failure f) {
        failures++;
        wait = retries.after(failures);
        stderr.println("zlh: sd sync failed: " + f.getMessage() + "; retrying in " + wait.toMillis() + " ms");
      }
      stdout.flush();
      stderr.flush();
      Thread.sleep(wait.toMillis());
    }
  }

  private String readToken() throws IOException {
    if (tokenFile == null) return null;
    String token;
    try {
      token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new IOException("cannot read --token-file " + tokenFile + " (" + e.getClass().getSimpleName() + ")", e);
    }
    if (token.isEmpty() || token.contains("\n")) {
      throw new ParameterException(spec.commandLine(), "--token-file must hold the token on one line");
    }
    return token;
  }
}
