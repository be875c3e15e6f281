package com.zerolaghub.verticles.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import redis.embedded.RedisServer;

/**
 * A real Redis from a Maven artifact, bound to 127.0.0.1 on a remembered port. It persists
 * nothing: Redis only ever holds what the platform may lose. Start and stop block.
 */
public final class EmbeddedRedisServer implements AutoCloseable {
  static final String PORT_FILE = "embedded-redis.port";

  private final RedisServer server;
  private final int port;

  private EmbeddedRedisServer(RedisServer server, int port) {
    this.server = server;
    this.port = port;
  }

  public static EmbeddedRedisServer start(Path dataDir) {
    return start(dataDir, 0);
  }

  /** Starts on {@code port}, or on the remembered (else a free) port when it is 0. */
  public static EmbeddedRedisServer start(Path dataDir, int port) {
    try {
      Files.createDirectories(dataDir);
      if (port != 0) RememberedPort.remember(dataDir.resolve(PORT_FILE), port);
      else port = RememberedPort.choose(dataDir.resolve(PORT_FILE));
      RedisServer server = RedisServer.newRedisServer()
          .port(port)
          .bind("127.0.0.1")
          .setting("save \"\"")
          .setting("appendonly no")
          .build();
      server.start();
      return new EmbeddedRedisServer(server, port);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded Redis: " + e.getMessage(), e);
    }
  }

  public String uri() {
    return "redis://127.0.0.1:" + port + "/0";
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stop the embedded Redis", e);
    }
  }
}
