package com.zerolaghub.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run of {@code wrk} (Debian package {@code wrk}) and what it measured. Request headers go
 * in a Lua script file, so a token never appears on a command line.
 */
record WrkRun(double requestsPerSecond, double p50Millis, double p99Millis, long requests, long errors) {
  private static final Pattern RPS = Pattern.compile("(?m)^Requests/sec:\\s+([0-9.]+)");
  private static final Pattern TOTAL = Pattern.compile("(?m)^\\s+(\\d+) requests in");
  private static final Pattern NON_2XX = Pattern.compile("(?m)^\\s+Non-2xx or 3xx responses:\\s+(\\d+)");
  private static final Pattern SOCKET_ERRORS = Pattern.compile("(?m)^\\s+Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

  /**
   * @param script a Lua file setting {@code wrk.headers}, or null
   */
  static WrkRun run(String url, int threads, int connections, int seconds, Path script) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(Tools.find("wrk"), "-t" + threads, "-c" + connections, "-d" + seconds + "s",
        "--latency", "--timeout", "10s"));
    if (script != null) cmd.addAll(List.of("-s", script.toString()));
    cmd.add(url);
    Path out = Files.createTempFile("zlh-wrk", ".txt");
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
      if (!p.waitFor(seconds + 60L, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("wrk did not finish");
      }
      String text = Files.readString(out, StandardCharsets.UTF_8);
      if (p.exitValue() != 0) throw new IOException("wrk failed: " + text);
      return parse(text);
    } finally {
      Files.deleteIfExists(out);
    }
  }

  static WrkRun parse(String text) throws IOException {
    Matcher rps = RPS.matcher(text);
    if (!rps.find()) throw new IOException("no Requests/sec in wrk output: " + text);
    Matcher total = TOTAL.matcher(text);
    long errors = 0;
    Matcher non2xx = NON_2XX.matcher(text);
    if (non2xx.find()) errors += Long.parseLong(non2xx.group(1));
    Matcher sock = SOCKET_ERRORS.matcher(text);
    if (sock.find()) for (int g = 1; g <= 4; g++) errors += Long.parseLong(sock.group(g));
    return new WrkRun(Double.parseDouble(rps.group(1)), percentile(text, "50%"), percentile(text, "99%"),
        total.find() ? Long.parseLong(total.group(1)) : -1, errors);
  }

  /** A line of the latency distribution, e.g. {@code 99%   12.34ms}, in milliseconds. */
  private static double percentile(String text, String label) throws IOException {
    Matcher m = Pattern.compile("(?m)^\\s+" + Pattern.quote(label) + "\\s+([0-9.]+)(us|ms|s|m)\\s*$").matcher(text);
    if (!m.find()) throw new IOException("no " + label + " latency in wrk output");
    double v = Double.parseDouble(m.group(1));
    switch (m.group(2).toLowerCase(Locale.ROOT)) {
      case "us": return v / 1000;
      case "s": return v * 1000;
      case "m": return v * 60_000;
      default: return v;
    }
  }
}
