package com.zerolaghub.verticles.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The health of the file_sd sync as node_exporter textfile metrics, which the alerts
 * {@code ZlhFileSdSyncFailed} and {@code ZlhFileSdStale} read.
 *
 * @param lastSuccessSeconds Unix time of the last successful sync; 0 if none is known
 * @param targets            targets in the file Prometheus reads now
 */
record FileSdMetrics(boolean up, double lastAttemptSeconds, double lastSuccessSeconds, long targets) {
  private static final Pattern LAST_SUCCESS =
      Pattern.compile("(?m)^zlh_file_sd_last_success_timestamp_seconds\\s+([0-9.eE+]+)\\s*$");

  String render() {
    return "# HELP zlh_file_sd_up 1 if the last file_sd sync succeeded, 0 if it failed.\n"
        + "# TYPE zlh_file_sd_up gauge\n"
        + "zlh_file_sd_up " + (up ? 1 : 0) + "\n"
        + "# HELP zlh_file_sd_last_attempt_timestamp_seconds Unix time of the last file_sd sync attempt.\n"
        + "# TYPE zlh_file_sd_last_attempt_timestamp_seconds gauge\n"
        + "zlh_file_sd_last_attempt_timestamp_seconds " + seconds(lastAttemptSeconds) + "\n"
        + "# HELP zlh_file_sd_last_success_timestamp_seconds Unix time of the last successful file_sd sync (0: none).\n"
        + "# TYPE zlh_file_sd_last_success_timestamp_seconds gauge\n"
        + "zlh_file_sd_last_success_timestamp_seconds " + seconds(lastSuccessSeconds) + "\n"
        + "# HELP zlh_file_sd_targets Targets in the file_sd file Prometheus reads.\n"
        + "# TYPE zlh_file_sd_targets gauge\n"
        + "zlh_file_sd_targets " + targets + "\n";
  }

  /** The last success recorded in a previous metrics file; 0 when there is none or it is unreadable. */
  static double lastSuccessIn(Path metricsFile) {
    if (metricsFile == null || !Files.isRegularFile(metricsFile)) return 0;
    try {
      Matcher m = LAST_SUCCESS.matcher(Files.readString(metricsFile, StandardCharsets.UTF_8));
      return m.find() ? Double.parseDouble(m.group(1)) : 0;
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
  }

  private static String seconds(double s) {
    return String.format(Locale.ROOT, "%.3f", s);
  }
}
