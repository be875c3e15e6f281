package com.zerolaghub.verticles.embedded;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code zlh services} on a data directory in a JVM of its own (this test JVM's class path): the
 * embedded PostgreSQL and Redis of a node, in a process a test can SIGKILL.
 */
final class ServicesProcess implements AutoCloseable {
  final Process jvm;
  final int postgresPort;
  final int redisPort;

  private ServicesProcess(Process jvm, int postgresPort, int redisPort) {
    this.jvm = jvm;
    this.postgresPort = postgresPort;
    this.redisPort = redisPort;
  }

  static ServicesProcess start(Path dataDir) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process jvm = new ProcessBuilder(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        "com.zerolaghub.verticles.cli.ZlhCommand", "services", "--data-dir", dataDir.toString()))
        .redirectError(dataDir.resolveSibling(dataDir.getFileName() + "-services.log").toFile())
        .start();
    CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
      try {
        return new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8)).readLine();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    String first;
    try {
      first = line.get(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      jvm.destroyForcibly();
      throw e;
    }
    if (first == null) {
      jvm.destroyForcibly();
      throw new IllegalStateException("zlh services exited: " + Files.readString(dataDir.resolveSibling(dataDir.getFileName() + "-services.log")));
    }
    JsonObject json = new JsonObject(first);
    int redisPort = URI.create(json.getJsonObject("redis").getString("uri")).getPort();
    return new ServicesProcess(jvm, json.getJsonObject("postgres").getInteger("port"), redisPort);
  }

  long pid() {
    return jvm.pid();
  }

  /** The watches this JVM started (its {@code /bin/sh} children). */
  List<ProcessHandle> watches() {
    return jvm.children()
        .filter(p -> p.info().commandLine().orElse("").contains(PidFileProcess.WATCH_NAME))
        .toList();
  }

  /** SIGKILL, as {@code kill -9}. */
  void kill() throws InterruptedException {
    jvm.destroyForcibly();
    jvm.waitFor(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    if (jvm.isAlive()) kill();
  }
}
