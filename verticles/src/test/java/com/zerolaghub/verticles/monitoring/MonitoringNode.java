package com.zerolaghub.verticles.monitoring;

import com.zerolaghub.events.Checkpoint;
import com.zerolaghub.events.servers.ServerEvent;
import com.zerolaghub.events.testing.TestPostgres;
import com.zerolaghub.projections.monitoring.MonitoredServers;
import com.zerolaghub.verticles.config.MonitoringConfig;
import com.zerolaghub.verticles.config.PlatformConfig;
import com.zerolaghub.verticles.projections.ProjectionsCapability;
import com.zerolaghub.verticles.runtime.Platform;
import com.zerolaghub.verticles.testing.TestNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A node with projections and monitoring only (sign-in by test header), on a fresh database,
 * with a blocking HTTP client and a way to put server lives into its log and wait until the
 * read model has applied them.
 */
final class MonitoringNode implements AutoCloseable {
  final Platform platform;
  final MonitoringCapability monitoring;
  final ServerHistory history;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private MonitoringNode(Platform platform, MonitoringCapability monitoring) {
    this.platform = platform;
    this.monitoring = monitoring;
    this.history = new ServerHistory(platform.context().store());
  }

  static MonitoringNode start(MonitoringConfig monitoringConfig) throws Exception {
    return start(c -> c.with(b -> b.monitoring(monitoringConfig)));
  }

  static MonitoringNode start(UnaryOperator<PlatformConfig> configure) throws Exception {
    TestPostgres.Database db = TestPostgres.freshDatabase();
    PlatformConfig config = configure.apply(TestNode.config(db, db.port()));
    HeaderAuthentication auth = new HeaderAuthentication();
    ProjectionsCapability projections = new ProjectionsCapability(auth);
    MonitoringCapability monitoring = new MonitoringCapability(auth, projections);
    Platform platform = Platform.builder(config)
        .capabilities(List.of(projections.setup(), monitoring, projections.launch()))
        .start()
        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    MonitoringNode node = new MonitoringNode(platform, monitoring);
    node.monitoring.servers().whenCaughtUp().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    return node;
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + platform.httpPort() + path);
  }

  /** GET with header name/value pairs. */
  HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET();
    for (int i = 0; i < headers.length; i += 2) request.header(headers[i], headers[i + 1]);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Appends and returns once the read model has applied the events (no sleeping, a view check). */
  Checkpoint record(List<ServerEvent> events) throws Exception {
    Checkpoint cp = history.append(events).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    awaitApplied(cp);
    return cp;
  }

  void awaitApplied(Checkpoint cp) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (servers().checkpoint().compareTo(cp) < 0) {
      if (System.nanoTime() > deadline) throw new AssertionError("read model did not reach " + cp + " within 10 s");
      Thread.sleep(1);
    }
  }

  MonitoredServers servers() {
    return monitoring.servers().current();
  }

  @Override
  public void close() throws Exception {
    platform.stop().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
  }
}
