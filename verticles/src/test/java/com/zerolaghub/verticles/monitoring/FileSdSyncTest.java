package com.zerolaghub.verticles.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.verticles.cli.ZlhCommand;
import com.zerolaghub.verticles.config.MonitoringConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("zlh sd sync: file_sd target file written atomically, failures loud, never stale in silence")
class FileSdSyncTest {
  private static final String TOKEN = "file-sd-sync-token";
  private static final Instant AT = Instant.parse("2026-11-20T10:00:00Z");
  private static MonitoringNode node;
  private static Vertx vertx;

  @TempDir Path dir;
  private Path tokenFile;
  private Path targets;
  private Path metrics;

  @BeforeAll
  static void start() throws Exception {
    node = MonitoringNode.start(MonitoringConfig.builder().sdToken(TOKEN).sdDevelopmentMode(false).build());
    node.record(ServerHistory.readyGame("g1", "alice", 101, "10.60.0.11", AT));
    node.record(ServerHistory.readyDev("d1", "bob", 102, "10.60.0.12", AT));
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @BeforeEach
  void files() throws Exception {
    tokenFile = dir.resolve("sd.token");
    Files.writeString(tokenFile, TOKEN + "\n");
    targets = dir.resolve("targets.json");
    metrics = dir.resolve("zlh_file_sd.prom");
  }

  @Test
  void writesWhatDiscoveryAnswersAndReportsItselfUp() throws Exception {
    Result r = sync(baseUrl(), tokenFile);

    assertThat(r.code).as(r.err).isZero();
    assertThat(r.out).contains("wrote 2 targets");
    JsonArray written = new JsonArray(Files.readString(targets));
    assertThat(written).isEqualTo(new JsonArray(node.get("/sd/exporters", "Authorization", "Bearer " + TOKEN).body()));
    assertThat(metric("zlh_file_sd_up")).isEqualTo(1);
    assertThat(metric("zlh_file_sd_targets")).isEqualTo(2);
    assertThat(metric("zlh_file_sd_last_success_timestamp_seconds")).isCloseTo(System.currentTimeMillis() / 1000.0,
        Offset.offset(30.0));
    assertThat(Files.getPosixFilePermissions(targets)).isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void aRefusedTokenExitsNonZeroLeavesTheOldFileAndSaysUp0() throws Exception {
    assertThat(sync(baseUrl(), tokenFile).code).isZero();
    byte[] before = Files.readAllBytes(targets);
    double lastSuccess = metric("zlh_file_sd_last_success_timestamp_seconds");
    Path wrong = dir.resolve("wrong.token");
    Files.writeString(wrong, "not-the-token");

    Result r = sync(baseUrl(), wrong);

    assertThat(r.code).isEqualTo(1);
    assertThat(r.err.strip().lines()).singleElement().satisfies(line ->
        assertThat(line).startsWith("zlh: ").contains("401").contains("token"));
    assertThat(Files.readAllBytes(targets)).isEqualTo(before);
    assertThat(metric("zlh_file_sd_up")).isZero();
    assertThat(metric("zlh_file_sd_last_success_timestamp_seconds")).isEqualTo(lastSuccess);
    assertThat(metric("zlh_file_sd_last_attempt_timestamp_seconds")).isGreaterThanOrEqualTo(lastSuccess);
    assertThat(metric("zlh_file_sd_targets")).isEqualTo(2);
    assertThat(r.out + r.err).doesNotContain("not-the-token").doesNotContain(TOKEN);
  }

  @Test
  void anUnreachableNodeExitsNonZeroWithTheReason() throws Exception {
    Result r = sync("http://127.0.0.1:1", tokenFile);

    assertThat(r.code).isEqualTo(1);
    assertThat(r.err).contains("unreachable");
    assertThat(targets).doesNotExist();
    assertThat(metric("zlh_file_sd_up")).isZero();
    assertThat(metric("zlh_file_sd_last_success_timestamp_seconds")).isZero();
  }

  @Test
  void anAnswerThatIsNotATargetListIsRefused() throws Exception {
    for (String body : List.of("<html>oops</html>", "{\"targets\":[]}", "[{\"labels\":{}}]", "[{\"targets\":[1]}]",
        "[{\"targets\":[\"a:1\"],\"labels\":{\"bad-name\":\"x\"}}]")) {
      HttpServer server = serve(200, body, 0);
      try {
        Result r = sync("http://127.0.0.1:" + server.actualPort(), tokenFile);
        assertThat(r.code).as(body).isEqualTo(1);
        assertThat(r.err).as(body).contains("not an http_sd target list");
      } finally {
        server.close();
      }
    }
    assertThat(targets).doesNotExist();
  }

  @Test
  void aSilentNodeTimesOut() throws Exception {
    HttpServer server = serve(200, "[]", 5_000);
    try {
      Result r = sync("http://127.0.0.1:" + server.actualPort(), tokenFile, "--timeout", "300ms");
      assertThat(r.code).isEqualTo(1);
      assertThat(r.err).contains("did not answer within 300 ms");
    } finally {
      server.close();
    }
  }

  @Test
  void whenDiscoveryIsBackTheFileIsRewrittenWithoutDeletedServers() throws Exception {
    node.record(ServerHistory.readyGame("temp", "carol", 130, "10.60.0.30", AT));
    assertThat(sync(baseUrl(), tokenFile).code).isZero();
    assertThat(Files.readString(targets)).contains("10.60.0.30:12345");
    assertThat(sync("http://127.0.0.1:1", tokenFile).code).isEqualTo(1);

    node.record(ServerHistory.deletionRequested("temp", "carol", AT));
    Result r = sync(baseUrl(), tokenFile);

    assertThat(r.code).isZero();
    assertThat(Files.readString(targets)).doesNotContain("10.60.0.30").contains("10.60.0.11:12345");
    assertThat(metric("zlh_file_sd_up")).isEqualTo(1);
  }

  @Test
  void theTokenCannotBeGivenOnTheCommandLine() {
    Result r = run("sd", "sync", "--url", baseUrl(), "--token", TOKEN, "--out", targets.toString());
    assertThat(r.code).isEqualTo(2);
  }

  @Test
  void watchModeRetriesThroughFailuresAndNeverExits() throws Exception {
    AtomicInteger requests = new AtomicInteger();
    HttpServer flapping = vertx.createHttpServer().requestHandler(req -> {
      if (requests.incrementAndGet() <= 3) req.response().setStatusCode(503).end();
      else req.response().putHeader("Content-Type", "application/json")
          .end("[{\"targets\":[\"10.9.9.9:12345\"],\"labels\":{\"vmid\":\"999\",\"instance\":\"10.9.9.9:12345\",\"container_type\":\"dev\"}}]");
    }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    AtomicInteger exit = new AtomicInteger(-1);
    Thread watcher = new Thread(() -> exit.set(run("sd", "sync", "--url", "http://127.0.0.1:" + flapping.actualPort(),
        "--token-file", tokenFile.toString(), "--out", targets.toString(), "--metrics-file", metrics.toString(),
        "--watch", "--interval", "200ms", "--max-backoff", "400ms").code));
    watcher.start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      while (!Files.exists(targets) && System.nanoTime() < deadline) Thread.sleep(20);
      assertThat(targets).exists();
      assertThat(requests.get()).isGreaterThanOrEqualTo(4);
      assertThat(Files.readString(targets)).contains("10.9.9.9:12345");
      while (requests.get() < 6 && System.nanoTime() < deadline) Thread.sleep(20);
      assertThat(watcher.isAlive()).isTrue();
      assertThat(metric("zlh_file_sd_up")).isEqualTo(1);
    } finally {
      watcher.interrupt();
      watcher.join(5_000);
      flapping.close();
    }
  }

  private Result sync(String url, Path token, String... extra) {
    List<String> args = new ArrayList<>(List.of("sd", "sync", "--url", url, "--token-file", token.toString(),
        "--out", targets.toString(), "--metrics-file", metrics.toString()));
    args.addAll(List.of(extra));
    return run(args.toArray(String[]::new));
  }

  private static String baseUrl() {
    return node.uri("").toString();
  }

  private double metric(String name) throws Exception {
    Matcher m = Pattern.compile("(?m)^" + name + " ([0-9.]+)$").matcher(Files.readString(metrics));
    assertThat(m.find()).as("%s in %s", name, metrics).isTrue();
    return Double.parseDouble(m.group(1));
  }

  private List<Path> leftovers() throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
    }
  }

  private static HttpServer serve(int status, String body, long delayMs) throws Exception {
    return vertx.createHttpServer().requestHandler(req -> {
      Runnable answer = () -> req.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
      if (delayMs > 0) vertx.setTimer(delayMs, t -> answer.run());
      else answer.run();
    }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = ZlhCommand.execute(out, err, args);
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private record Result(int code, String out, String err) {}
}
