package com.zerolaghub.bench.proxy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * An nginx (Debian's {@code nginx}) configured as a plain keep-alive reverse proxy to one
 * backend, or as a WebSocket proxy to several, the yardstick for our proxy and console bridge: no access log, keep-alive both ways without a request
 * limit per connection (our proxy has none either). Blocking: for the bench tool's thread, never an event loop.
 */
public final class NginxProcess implements AutoCloseable {
  private final Path dir;
  private final Process process;
  private final int port;

  private NginxProcess(Path dir, Process process, int port) {
    this.dir = dir;
    this.process = process;
    this.port = port;
  }

  static NginxProcess start(String binary, int listenPort, String backendHost, int backendPort, String workers) throws IOException, InterruptedException {
    return start(binary, listenPort, workers, """
        upstream backend { server %s:%d; keepalive 128; keepalive_requests 1000000; }
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
        """.formatted(backendHost, backendPort, listenPort));
  }

  /**
   * nginx proxying WebSockets: {@code /agent/<i>/<path>} to {@code 127.0.0.1:<backendPorts[i]>/<path>}
   * (upgrade headers passed as nginx's documentation shows), one worker per core.
   */
  public static NginxProcess startWebSockets(String binary, int listenPort, List<Integer> backendPorts)
      throws IOException, InterruptedException {
    StringBuilder locations = new StringBuilder();
    for (int i = 0; i < backendPorts.size(); i++) {
      locations.append("""
            location /agent/%d/ {
              proxy_pass http://127.0.0.1:%d/;
              proxy_http_version 1.1;
              proxy_set_header Upgrade $http_upgrade;
              proxy_set_header Connection "upgrade";
              proxy_read_timeout 1h;
            }
          """.formatted(i, backendPorts.get(i)));
    }
    return start(binary, listenPort, "auto", """
        server {
          listen 127.0.0.1:%d;
        %s
        }
        """.formatted(listenPort, locations));
  }

  private static NginxProcess start(String binary, int listenPort, String workers, String servers) throws IOException, InterruptedException {
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
        %s
        }
        """.formatted(workers, dir, dir, dir, dir, servers);
    Path file = dir.resolve("nginx.conf");
    Files.writeString(file, conf);
    Process process = new ProcessBuilder(binary, "-c", file.toString(), "-p", dir.toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("logs/stdout.log").toFile())
        .start();
    NginxProcess nginx = new NginxProcess(dir, process, listenPort);
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

  /** The port it listens on (127.0.0.1). */
  public int port() {
    return port;
  }

  /** The master's process id (its workers are its children). */
  public long pid() {
    return process.pid();
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
