package com.zerolaghub.verticles.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.zerolaghub.verticles.config.MonitoringConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The node's discovery and summary against a real Prometheus (Debian's {@code prometheus}
 * package; skipped where it is not installed): http_sd with a bearer token refreshed every
 * second, a test exporter on a real loopback address scraped every second, and the PromQL of
 * the server-card summary evaluated by Prometheus itself.
 */
@DisplayName("Discovery and summaries with a real Prometheus")
class RealPrometheusTest {
  private static final String TOKEN = "real-prometheus-sd-token";
  private static final String EXPORTER_HOST = "127.0.0.2";
  private static final Duration REFRESH = Duration.ofSeconds(1);
  /** Prometheus's discovery manager hands new target sets to the scrapers at most every 5 s. */
  private static final Duration DISCOVERY_THROTTLE = Duration.ofSeconds(5);

  private static Vertx vertx;
  private static TestExporter exporter;
  private static MonitoringNode node;
  private static PrometheusProcess prometheus;

  @BeforeAll
  static void start() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(PrometheusProcess.BINARY), "needs /usr/bin/prometheus (apt-get install prometheus)");
    vertx = Vertx.vertx();
    exporter = new TestExporter(vertx, EXPORTER_HOST, 0);
    int prometheusPort = PrometheusProcess.freePort();
    node = MonitoringNode.start(MonitoringConfig.builder().sdToken(TOKEN).sdDevelopmentMode(false)
        .exporterPort(exporter.port()).prometheusUrl("http://127.0.0.1:" + prometheusPort).prometheusTimeoutMs(2_000)
        .summaryStaleSeconds(60).build());
    Path dir = Files.createTempDirectory("zlh-prometheus");
    Files.writeString(dir.resolve("sd.token"), TOKEN + "\n");
    Files.writeString(dir.resolve("wrong.token"), "not-" + TOKEN + "\n");
    prometheus = PrometheusProcess.start(dir, prometheusPort, config(dir, node.uri("/sd/exporters").toString()));
  }

  @AfterAll
  static void stop() throws Exception {
    if (prometheus != null) prometheus.close();
    if (node != null) node.close();
    if (exporter != null) exporter.close();
    if (vertx != null) vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** Self-contained, mirrors deploy/monitoring/prometheus/prometheus.yml with 1 s intervals. */
  private static String config(Path dir, String sdUrl) {
    return String.join("\n",
        "global:",
        "  scrape_interval: 1s",
        "  scrape_timeout: 900ms",
        "  evaluation_interval: 1s",
        "scrape_configs:",
        "  - job_name: zlh-containers",
        "    metrics_path: " + TestExporter.PATH,
        "    http_sd_configs:",
        "      - url: " + sdUrl,
        "        refresh_interval: 1s",
        "        authorization:",
        "          type: Bearer",
        "          credentials_file: " + dir.resolve("sd.token"),
        "  - job_name: zlh-containers-wrong-token",
        "    metrics_path: " + TestExporter.PATH,
        "    http_sd_configs:",
        "      - url: " + sdUrl,
        "        refresh_interval: 1s",
        "        authorization:",
        "          type: Bearer",
        "          credentials_file: " + dir.resolve("wrong.token"),
        "");
  }

  @Test
  void aServerIsDiscoveredScrapedSummarizedAndDroppedAfterItsDeletion() throws Exception {
    Instant at = Instant.now();
    node.record(ServerHistory.readyGame("game-e2e", "owner-e2e", 101, EXPORTER_HOST, at));

    // Discovered, with the labels of /sd/exporters, and scraped.
    JsonObject target = until(() -> activeTarget("zlh-containers", "101"), Duration.ofSeconds(20));
    JsonObject labels = target.getJsonObject("labels");
    assertThat(labels.getString("vmid")).isEqualTo("101");
    assertThat(labels.getString("container_type")).isEqualTo("game");
    assertThat(labels.getString("instance")).isEqualTo(EXPORTER_HOST + ":" + exporter.port());
    assertThat(labels.getString("server_id")).isEqualTo("game-e2e");
    assertThat(target.encode()).doesNotContain("owner-e2e");
    until(() -> "up".equals(activeTarget("zlh-containers", "101").getString("health")) ? true : null, Duration.ofSeconds(10));

    // The card's figures, computed by Prometheus from the exporter's counters.
    JsonObject summary = until(() -> {
      JsonObject s = summary("owner-e2e");
      return s.getBoolean("stale") ? null : s;
    }, Duration.ofSeconds(20));
    // a rate over two or three scrapes: a loaded machine moves their timestamps by a few hundred ms
    assertThat(summary.getDouble("cpu_percent")).isCloseTo(25.0, within(10.0));
    assertThat(summary.getDouble("mem_percent")).isEqualTo(37.5);
    assertThat(summary.getDouble("disk_percent")).isEqualTo(70.0);
    assertThat(summary.getDouble("net_in")).isCloseTo(1000.0, within(150.0));
    assertThat(summary.getDouble("net_out")).isCloseTo(500.0, within(75.0));
    assertThat(Instant.parse(summary.getString("sampledAt"))).isAfter(at.minusSeconds(5));

    // The exporter stops: the failed scrape marks its series stale, the card says so at once.
    exporter.close();
    long stopped = System.nanoTime();
    JsonObject stale = until(() -> {
      JsonObject s = summary("owner-e2e");
      return s.getBoolean("stale") && s.getValue("mem_percent") == null ? s : null;
    }, Duration.ofSeconds(15));
    Duration staleAfter = Duration.ofNanos(System.nanoTime() - stopped);
    assertThat(stale.getValue("cpu_percent")).isNull();
    assertThat(stale.getValue("disk_percent")).isNull();
    assertThat(stale.getValue("net_in")).isNull();
    assertThat(staleAfter).isLessThan(Duration.ofSeconds(5));

    // Deletion requested: the target leaves Prometheus within two refreshes (+ its hand-over throttle).
    long deleting = System.nanoTime();
    node.record(ServerHistory.deletionRequested("game-e2e", "owner-e2e", Instant.now()));
    until(() -> activeTarget("zlh-containers", "101") == null ? true : null, Duration.ofSeconds(20));
    Duration gone = Duration.ofNanos(System.nanoTime() - deleting);
    System.out.printf("real prometheus: stale after %d ms, target gone after %d ms%n", staleAfter.toMillis(), gone.toMillis());
    assertThat(gone).isLessThanOrEqualTo(REFRESH.multipliedBy(2).plus(DISCOVERY_THROTTLE).plusMillis(500));
  }

  @Test
  void aWrongTokenIsRefusedAndGivesPrometheusNoTargets() throws Exception {
    node.record(ServerHistory.readyDev("dev-e2e", "owner-e2e", 102, EXPORTER_HOST, Instant.now()));
    until(() -> activeTarget("zlh-containers", "102"), Duration.ofSeconds(20));

    double failures = until(() -> {
      double f = sdFailures();
      return f >= 2 ? f : null;
    }, Duration.ofSeconds(10));
    assertThat(failures).isGreaterThanOrEqualTo(2);
    assertThat(activeTargets("zlh-containers-wrong-token")).isEmpty();
    assertThat(prometheus.log()).contains("401");
  }

  private static JsonObject summary(String user) throws Exception {
    var r = node.get("/api/metrics/servers/101/summary", HeaderAuthentication.USER, user);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new JsonObject(r.body());
  }

  private static JsonArray activeTargets(String job) throws Exception {
    JsonArray all = prometheus.getJson("/api/v1/targets?state=active").getJsonObject("data").getJsonArray("activeTargets");
    JsonArray ofJob = new JsonArray();
    for (Object t : all) {
      if (job.equals(((JsonObject) t).getString("scrapePool"))) ofJob.add(t);
    }
    return ofJob;
  }

  private static JsonObject activeTarget(String job, String vmid) throws Exception {
    for (Object t : activeTargets(job)) {
      JsonObject target = (JsonObject) t;
      if (vmid.equals(target.getJsonObject("labels").getString("vmid"))) return target;
    }
    return null;
  }

  /** {@code prometheus_sd_http_failures_total} from Prometheus's own metrics. */
  private static double sdFailures() throws Exception {
    Matcher m = Pattern.compile("(?m)^prometheus_sd_http_failures_total(\\{[^}]*\\})? ([0-9.e+]+)$")
        .matcher(prometheus.get("/metrics").body());
    double sum = 0;
    while (m.find()) sum += Double.parseDouble(m.group(2));
    return sum;
  }

  /** Polls until {@code probe} gives a value (not null), with a deadline; a fixed pace, no sleeping for results. */
  private static <T> T until(Callable<T> probe, Duration deadline) throws Exception {
    long end = System.nanoTime() + deadline.toNanos();
    Exception last = null;
    while (System.nanoTime() < end) {
      try {
        T value = probe.call();
        if (value != null) return value;
      } catch (Exception | AssertionError e) {
        last = e instanceof Exception ex ? ex : new RuntimeException(e);
      }
      Thread.sleep(100);
    }
    throw new AssertionError("condition not met within " + deadline + "; prometheus log: " + prometheus.log(), last);
  }
}
