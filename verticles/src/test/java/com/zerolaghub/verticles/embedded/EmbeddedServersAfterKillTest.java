package com.zerolaghub.verticles.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node's embedded PostgreSQL and Redis when the node's JVM is SIGKILLed (here the JVM of
 * {@code zlh services}, which runs the same servers): they stop on their own within seconds, a
 * later start on the data directory stops what is left and takes its ports back at once, and a
 * start on the data directory of a JVM still alive is refused at once, naming it.
 */
class EmbeddedServersAfterKillTest {
  @TempDir Path tmp;
  private final List<AutoCloseable> toClose = new ArrayList<>();
  private final List<Long> serverPids = new ArrayList<>();

  @AfterEach
  void cleanUp() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) toClose.get(i).close();
    for (long pid : serverPids) ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
  }

  @Test
  @DisplayName("a node killed with SIGKILL leaves no PostgreSQL and no Redis running for more than a few seconds")
  void aKilledNodesServersStopOnTheirOwn() throws Exception {
    Path data = tmp.resolve("data");
    ServicesProcess node = started(data);
    long postgres = postgresPid(data);
    long redis = redisPid(data);
    assertThat(alive(postgres)).isTrue();
    assertThat(alive(redis)).isTrue();

    node.kill();

    assertThat(awaitGone(List.of(postgres, redis), Duration.ofSeconds(5)))
        .as("PostgreSQL %d and Redis %d gone within 5 s of the SIGKILL", postgres, redis).isTrue();
    assertThat(Files.readString(data.resolve(EmbeddedPostgresServer.WATCH_LOG)))
        .contains("postgres (pid " + postgres + ") stopped")
        .contains("redis-server (pid " + redis + ") stopped");
  }

  @Test
  @DisplayName("a start stops the PostgreSQL and Redis a dead node left running, and is up at once on their ports")
  void aStartTakesOverWhatADeadNodeLeft() throws Exception {
    Path data = tmp.resolve("data");
    ServicesProcess node = started(data);
    long postgres = postgresPid(data);
    long redis = redisPid(data);
    // Its watches die first, as if they could not act: the servers stay behind.
    node.watches().forEach(ProcessHandle::destroyForcibly);
    node.kill();
    Thread.sleep(500);
    assertThat(alive(postgres)).isTrue();
    assertThat(alive(redis)).isTrue();

    long t0 = System.nanoTime();
    EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(data, "zlh");
    toClose.add(pg);
    EmbeddedRedisServer rd = EmbeddedRedisServer.start(data);
    toClose.add(rd);
    Duration took = Duration.ofNanos(System.nanoTime() - t0);

    assertThat(took).as("both up long before PostgreSQL's 60 s start timeout").isLessThan(Duration.ofSeconds(30));
    // exited (reaping by init can lag a moment behind)
    assertThat(awaitGone(List.of(postgres, redis), Duration.ofSeconds(3))).isTrue();
    assertThat(pg.port()).isEqualTo(node.postgresPort);
    assertThat(rd.uri()).isEqualTo("redis://127.0.0.1:" + node.redisPort + "/0");
    assertThat(EmbeddedPostgresServer.runningPort(data)).contains(node.postgresPort);
  }

  @Test
  @DisplayName("a start on the data directory of a live node is refused at once, naming that node, and changes nothing")
  void aStartBesideALiveNodeIsRefused() throws Exception {
    Path data = tmp.resolve("data");
    ServicesProcess node = started(data);
    String postgresPortFile = Files.readString(data.resolve(EmbeddedPostgresServer.PORT_FILE));
    String redisPortFile = Files.readString(data.resolve(EmbeddedRedisServer.PORT_FILE));

    long t0 = System.nanoTime();
    assertThatThrownBy(() -> EmbeddedPostgresServer.start(data, "zlh"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is in use by a running zlh process (pid " + node.pid() + ",");
    assertThatThrownBy(() -> EmbeddedRedisServer.start(data))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is in use by a running zlh process (pid " + node.pid() + ",");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));

    assertThat(Files.readString(data.resolve(EmbeddedPostgresServer.PORT_FILE))).isEqualTo(postgresPortFile);
    assertThat(Files.readString(data.resolve(EmbeddedRedisServer.PORT_FILE))).isEqualTo(redisPortFile);
    assertThat(EmbeddedPostgresServer.runningPort(data)).contains(node.postgresPort);
    assertThat(alive(redisPid(data))).isTrue();
  }

  @Test
  @DisplayName("a start is refused while another process holds the PostgreSQL library's own lock (a node of an older version)")
  void aStartBesideAnOlderNodeIsRefused() throws Exception {
    Path data = tmp.resolve("data");
    Files.createDirectories(data.resolve("postgres"));
    Path epgLock = data.resolve("postgres").resolve("epg-lock");
    Process holder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), FileLockHolder.class.getName(), epgLock.toString()))
        .redirectErrorStream(true).start();
    toClose.add(holder::destroyForcibly);
    assertThat(new BufferedReader(new InputStreamReader(holder.getInputStream())).readLine()).isEqualTo("locked");

    assertThatThrownBy(() -> EmbeddedPostgresServer.start(data, "zlh"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is in use by a running process (it holds " + epgLock);
  }

  private ServicesProcess started(Path data) throws Exception {
    ServicesProcess node = ServicesProcess.start(data);
    toClose.add(node);
    serverPids.add(postgresPid(data));
    serverPids.add(redisPid(data));
    return node;
  }

  private static long postgresPid(Path data) throws Exception {
    return firstLineNumber(data.resolve("postgres").resolve("postmaster.pid"));
  }

  private static long redisPid(Path data) throws Exception {
    return firstLineNumber(data.resolve(EmbeddedRedisServer.PID_FILE));
  }

  private static long firstLineNumber(Path file) throws Exception {
    for (int i = 0; i < 50 && !Files.exists(file); i++) Thread.sleep(100);
    return Long.parseLong(Files.readAllLines(file, StandardCharsets.US_ASCII).get(0).strip());
  }

  private static boolean alive(long pid) {
    Optional<ProcessHandle> handle = ProcessHandle.of(pid);
    return handle.isPresent() && handle.get().isAlive();
  }

  private static boolean awaitGone(List<Long> pids, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (pids.stream().noneMatch(EmbeddedServersAfterKillTest::alive)) return true;
      Thread.sleep(50);
    }
    return false;
  }
}
