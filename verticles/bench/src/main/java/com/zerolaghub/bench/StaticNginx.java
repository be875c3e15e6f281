package com.zerolaghub.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's nginx serving one file at one path from a throw-away prefix: the ceiling a static
 * answer reaches on this machine. One worker process (the node serves HTTP on one event loop),
 * no access log (the node's request log is silenced during the bench too), sendfile on.
 */
final class StaticNginx implements AutoCloseable {
  private final Process process;
  final int port;

  private StaticNginx(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** @param dir a fresh directory for nginx's files; its workers (user nobody when run as root) must read it */
  static StaticNginx serve(Path dir, String path, byte[] body, String contentType) throws Exception {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path file = dir.resolve("body");
    Files.write(file, body);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String conf = String.join("\n",
        "worker_processes 1;",
        "pid " + dir.resolve("nginx.pid") + ";",
        "error_log " + dir.resolve("error.log") + " warn;",
        "events { worker_connections 1024; }",
        "http {",
        "  access_log off;",
        "  sendfile on;",
        "  tcp_nopush on;",
        "  keepalive_requests 1000000;",
        "  client_body_temp_path " + dir.resolve("tmp-body") + ";",
        "  proxy_temp_path " + dir.resolve("tmp-proxy") + ";",
        "  fastcgi_temp_path " + dir.resolve("tmp-fastcgi") + ";",
        "  uwsgi_temp_path " + dir.resolve("tmp-uwsgi") + ";",
        "  scgi_temp_path " + dir.resolve("tmp-scgi") + ";",
        "  server {",
        "    listen 127.0.0.1:" + port + ";",
        "    location = " + path + " {",
        "      default_type " + contentType + ";",
        "      add_header Cache-Control no-store;",
        "      alias " + file + ";",
        "    }",
        "  }",
        "}",
        "");
    Path confFile = dir.resolve("nginx.conf");
    Files.writeString(confFile, conf);
    Process p = new ProcessBuilder(List.of(Tools.find("nginx"), "-p", dir.toString(), "-e", dir.resolve("error.log").toString(),
        "-c", confFile.toString(), "-g", "daemon off;"))
        .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) throw new IOException("nginx exited: " + Files.readString(dir.resolve("nginx.out")));
      try (Socket ignored = new Socket("127.0.0.1", port)) {
        return new StaticNginx(p, port);
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    p.destroyForcibly();
    throw new IOException("nginx did not listen on " + port);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
  }
}
