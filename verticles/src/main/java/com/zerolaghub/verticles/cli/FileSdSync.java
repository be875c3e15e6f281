package com.zerolaghub.verticles.cli;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;

/**
 * One file_sd sync: fetch {@code /sd/exporters}, check it, replace the target file atomically
 * (the new list replaces the old, so deleted servers leave it), and record the outcome as
 * textfile metrics. A failed fetch leaves the target file as it was and says so loudly: the
 * caller gets a {@link Failure} and the metrics file {@code zlh_file_sd_up 0}.
 */
final class FileSdSync {
  private final URI url;
  private final String token;
  private final Path out;
  private final Path metricsFile;
  private final Duration timeout;
  private final Clock clock;
  private final HttpClient http;

  /**
   * @param token       bearer token, or null when discovery runs in development mode
   * @param metricsFile textfile-collector file, or null for none
   */
  FileSdSync(URI url, String token, Path out, Path metricsFile, Duration timeout, Clock clock) {
    this.url = url;
    this.token = token;
    this.out = out;
    this.metricsFile = metricsFile;
    this.timeout = timeout;
    this.clock = clock;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** The discovery URL: {@code --url} itself when it has a path, else its {@code /sd/exporters}. */
  static URI discoveryUrl(URI base) {
    String path = base.getPath();
    return path == null || path.isEmpty() || path.equals("/") ? base.resolve("/sd/exporters") : base;
  }

  /** @return targets written */
  long syncOnce() throws Failure, InterruptedException {
    double attempt = clock.millis() / 1000.0;
    HttpSdDocument doc;
    try {
      doc = fetch();
    } catch (Failure f) {
      recordFailure(attempt);
      throw f;
    }
    try {
      byte[] content = doc.fileContent().getBytes(StandardCharsets.UTF_8);
      if (!Files.isRegularFile(out) || !Arrays.equals(Files.readAllBytes(out), content)) {
        AtomicFileWrite.replace(out, content);
      }
    } catch (IOException e) {
      recordFailure(attempt);
      throw new Failure("cannot write " + out + ": " + e.getMessage());
    }
    writeMetrics(new FileSdMetrics(true, attempt, attempt, doc.targets()));
    return doc.targets();
  }

  private HttpSdDocument fetch() throws Failure, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout).GET().header("Accept", "application/json");
    if (token != null) request.header("Authorization", "Bearer " + token);
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpTimeoutException e) {
      throw new Failure("discovery at " + url + " did not answer within " + timeout.toMillis() + " ms");
    } catch (ConnectException e) {
      throw new Failure("discovery at " + url + " is unreachable (connection refused)");
    } catch (IOException e) {
      throw new Failure("discovery at " + url + " failed: " + e);
    }
    int status = response.statusCode();
    if (status == 401 || status == 403) {
      throw new Failure("discovery at " + url + " refused the token (HTTP " + status + "); check --token-file");
    }
    if (status != 200) {
      throw new Failure("discovery at " + url + " answered HTTP " + status + detail(response.body()));
    }
    try {
      return HttpSdDocument.parse(response.body());
    } catch (IllegalArgumentException e) {
      throw new Failure("discovery at " + url + " answered 200 but not an http_sd target list: " + e.getMessage());
    }
  }

  private void recordFailure(double attempt) {
    long inFile = 0;
    try {
      if (Files.isRegularFile(out)) inFile = HttpSdDocument.parse(Files.readString(out, StandardCharsets.UTF_8)).targets();
    } catch (IOException | IllegalArgumentException e) {
      inFile = 0;
    }
    try {
      writeMetrics(new FileSdMetrics(false, attempt, FileSdMetrics.lastSuccessIn(metricsFile), inFile));
    } catch (Failure ignored) {
      // The discovery failure is the one to report.
    }
  }

  private void writeMetrics(FileSdMetrics metrics) throws Failure {
    if (metricsFile == null) return;
    try {
      AtomicFileWrite.replace(metricsFile, metrics.render().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new Failure("cannot write metrics file " + metricsFile + ": " + e.getMessage());
    }
  }

  /** The problem document's detail, when the node sent one. */
  private static String detail(String body) {
    try {
      String d = new JsonObject(body).getString("detail");
      return d == null ? "" : ": " + d;
    } catch (RuntimeException e) {
      return "";
    }
  }

  /** Why a sync failed, in one line. */
  static final class Failure extends Exception {
    Failure(String message) {
      super(message, null, false, false);
    }
  }
}
