package com.zerolaghub.verticles.monitoring;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real Prometheus ({@code /usr/bin/prometheus}) on a free local port, with its data in a temporary directory. */
final class PrometheusProcess implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/bin/prometheus");

  final int port;
  final Path dir;
  private final Process process;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private PrometheusProcess(int port, Path dir, Process process) {
    this.port = port;
    this.dir = dir;
    this.process = process;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Starts with {@code config} (YAML) on {@code port}; returns once {@code /-/ready} answers. */
  static PrometheusProcess start(Path dir, int port, String config) throws Exception {
    Path file = dir.resolve("prometheus.yml");
    Files.writeString(file, config);
    Process p = new ProcessBuilder(List.of(BINARY.toString(), "--config.file=" + file, "--storage.tsdb.path=" + dir.resolve("data"),
        "--web.listen-address=127.0.0.1:" + port, "--log.level=warn"))
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("prometheus.log").toFile())
        .start();
    PrometheusProcess prometheus = new PrometheusProcess(port, dir, p);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) throw new IllegalStateException("prometheus exited: " + prometheus.log());
      try {
        if (prometheus.get("/-/ready").statusCode() == 200) return prometheus;
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(100);
    }
    prometheus.close();
    throw new IllegalStateException("prometheus not ready within 20 s: " + prometheus.log());
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(5)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  JsonObject getJson(String path) throws IOException, InterruptedException {
    return new JsonObject(get(path).body());
  }

  String log() {
    try {
      return Files.readString(dir.resolve("prometheus.log"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log)";
    }
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
  }
}
