package com.zerolaghub.bench.proxy;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one wrk run measured, read from its {@code --latency} report.
 *
 * @param target what was measured (direct, nginx, proxy)
 * @param requestsPerSecond wrk's {@code Requests/sec}
 * @param p50Millis median latency
 * @param p99Millis 99th percentile latency
 * @param errors socket errors plus non-2xx/3xx answers
 * @param requests requests completed in the run
 */
public record WrkResult(String target, double requestsPerSecond, double p50Millis, double p99Millis, long errors,
    long requests) {
  private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in ");
  private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern PERCENTILE = Pattern.compile("^\\s*(50|99)(?:\\.000)?%\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);
  private static final Pattern SOCKET_ERRORS = Pattern.compile(
      "Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
  private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

  public static WrkResult parse(String target, String report) {
    Matcher rps = RPS.matcher(report);
    if (!rps.find()) {
      throw new IllegalArgumentException("no Requests/sec in wrk's report:\n" + report);
    }
    double p50 = Double.NaN;
    double p99 = Double.NaN;
    Matcher percentile = PERCENTILE.matcher(report);
    while (percentile.find()) {
      double millis = toMillis(Double.parseDouble(percentile.group(2)), percentile.group(3));
      if (percentile.group(1).equals("50")) {
        p50 = millis;
      } else {
        p99 = millis;
      }
    }
    long errors = 0;
    Matcher socket = SOCKET_ERRORS.matcher(report);
    if (socket.find()) {
      for (int i = 1; i <= 4; i++) {
        errors += Long.parseLong(socket.group(i));
      }
    }
    Matcher non2xx = NON_2XX.matcher(report);
    if (non2xx.find()) {
      errors += Long.parseLong(non2xx.group(1));
    }
    Matcher requests = REQUESTS.matcher(report);
    long completed = requests.find() ? Long.parseLong(requests.group(1)) : 0;
    return new WrkResult(target, Double.parseDouble(rps.group(1)), p50, p99, errors, completed);
  }

  public String line() {
    return String.format(Locale.ROOT, "%-8s %12.0f req/s   p50 %7.2f ms   p99 %7.2f ms   errors %d",
        target, requestsPerSecond, p50Millis, p99Millis, errors);
  }

  private static double toMillis(double value, String unit) {
    switch (unit) {
      case "us":
        return value / 1000;
      case "s":
        return value * 1000;
      default:
        return value;
    }
  }
}
