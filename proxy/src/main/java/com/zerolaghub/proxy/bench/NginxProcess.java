package com.zerolaghub.proxy.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * An nginx (Debian's {@code nginx}) configured as a plain keep-alive reverse proxy to one
 * backend, the yardstick for our proxy: no access log, keep-alive both ways without a request
 * limit per connection (our proxy has none either). Blocking: for the bench tool's thread, never an event loop.
 */
final class NginxProcess implements AutoCloseable {
  private final Path dir;
  private final Process process;

  private NginxProcess(Path dir, Process process) {
    this.dir = dir;
    this.process = process;
  }

  static NginxProcess start(String binary, int listenPort, int backendPort, String workers) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("zlh-bench-nginx");
    Files.createDirectories(dir.resolve("logs"));
    String conf = """
        worker_processes %s;
        daemon off;
        pid %s/nginx.pid;
        error_log %s/logs/error.log warn;
        events { worker_connections 4096; }
        http {
          access_log off;
          keepalive_requests 1000000;
          client_body_temp_path %s/body;
          proxy_temp_path %s/proxy;
          upstream backend { server 127.0.0.1:%d; keepalive 128; keepalive_requests 1000000; }
          server {
            listen 127.0.0.1:%d;
            location / {
              proxy_pass http://backend;
              proxy_http_version 1.1;
              proxy_set_header Connection "";
              proxy_set_header Host $http_host;
              proxy_set_header X-Forwarded-For $remote_addr;
            }
          }
        }
        """.formatted(workers, dir, dir, dir, dir, backendPort, listenPort);
    Path file = dir.resolve("nginx.conf");
    Files.writeString(file, conf);
    Process process = new ProcessBuilder(binary, "-c", file.toString(), "-p", dir.toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("logs/stdout.log").toFile())
        .start();
    NginxProcess nginx = new NginxProcess(dir, process);
    nginx.awaitListening(listenPort, Duration.ofSeconds(10));
    return nginx;
  }

  private void awaitListening(int port, Duration timeout) throws IOException, InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      if (!process.isAlive()) {
        throw new IOException("nginx exited: " + Files.readString(dir.resolve("logs/stdout.log")));
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    throw new IOException("nginx did not listen on " + port + " within " + timeout);
  }

  @Override
  public void close() throws InterruptedException, IOException {
    process.destroy();
    process.waitFor();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
