package com.zerolaghub.events.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import redis.embedded.RedisServer;

/** One real Redis per test JVM (embedded binary from a Maven artifact) on a free port. */
public final class TestRedis {
  private static RedisServer server;
  private static int port;

  private TestRedis() {}

  public static synchronized int port() {
    if (server == null) {
      try {
        try (ServerSocket s = new ServerSocket(0)) {
          port = s.getLocalPort();
        }
        server = RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"").setting("appendonly no").build();
        server.start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          server.stop();
        } catch (IOException ignored) {
          // the JVM is going away
        }
      }));
    }
    return port;
  }

  public static String uri() {
    return "redis://127.0.0.1:" + port() + "/0";
  }
}
