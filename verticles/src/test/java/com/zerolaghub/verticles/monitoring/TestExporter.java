package com.zerolaghub.verticles.monitoring;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A container's exporter as Prometheus sees it: node_exporter metrics in the text format at
 * Alloy's component path, on a real loopback address (127.0.0.x). Counters grow with wall time at
 * fixed rates, so the figures Prometheus computes are known: CPU 25 % busy, memory 37.5 %
 * used, root disk 70 % used, 1000 B/s in and 500 B/s out (loopback traffic excluded).
 */
final class TestExporter implements AutoCloseable {
  static final String PATH = "/api/v0/component/prometheus.exporter.unix.default/metrics";

  private final Vertx vertx;
  private final HttpServer server;
  private final long started = System.nanoTime();

  TestExporter(Vertx vertx, String host, int port) throws Exception {
    this.vertx = vertx;
    this.server = vertx.createHttpServer().requestHandler(req -> {
      if (!req.path().equals(PATH)) {
        req.response().setStatusCode(404).end();
        return;
      }
      req.response().putHeader("Content-Type", "text/plain; version=0.0.4").end(metrics());
    }).listen(port, host).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  int port() {
    return server.actualPort();
  }

  private String metrics() {
    double t = 1000 + (System.nanoTime() - started) / 1e9;
    return String.format(Locale.ROOT, String.join("\n",
        "# TYPE node_cpu_seconds_total counter",
        "node_cpu_seconds_total{cpu=\"0\",mode=\"idle\"} %.3f",
        "node_cpu_seconds_total{cpu=\"0\",mode=\"user\"} %.3f",
        "# TYPE node_memory_MemAvailable_bytes gauge",
        "node_memory_MemAvailable_bytes 2.5e+09",
        "# TYPE node_memory_MemTotal_bytes gauge",
        "node_memory_MemTotal_bytes 4e+09",
        "# TYPE node_filesystem_avail_bytes gauge",
        "node_filesystem_avail_bytes{device=\"/dev/sda1\",fstype=\"ext4\",mountpoint=\"/\"} 3e+10",
        "node_filesystem_avail_bytes{device=\"/dev/sdb1\",fstype=\"ext4\",mountpoint=\"/data\"} 1e+09",
        "# TYPE node_filesystem_size_bytes gauge",
        "node_filesystem_size_bytes{device=\"/dev/sda1\",fstype=\"ext4\",mountpoint=\"/\"} 1e+11",
        "node_filesystem_size_bytes{device=\"/dev/sdb1\",fstype=\"ext4\",mountpoint=\"/data\"} 1e+11",
        "# TYPE node_network_receive_bytes_total counter",
        "node_network_receive_bytes_total{device=\"eth0\"} %.1f",
        "node_network_receive_bytes_total{device=\"lo\"} %.1f",
        "# TYPE node_network_transmit_bytes_total counter",
        "node_network_transmit_bytes_total{device=\"eth0\"} %.1f",
        "node_network_transmit_bytes_total{device=\"lo\"} %.1f",
        ""), 0.75 * t, 0.25 * t, 1000 * t, 1e6 * t, 500 * t, 1e6 * t);
  }

  @Override
  public void close() throws Exception {
    server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
