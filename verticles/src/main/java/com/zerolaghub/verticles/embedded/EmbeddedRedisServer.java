package com.zerolaghub.verticles.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * A real Redis from a Maven artifact, bound to 127.0.0.1 on a remembered port. It persists
 * nothing: Redis only ever holds what the platform may lose. Start and stop block. Like the
 * embedded PostgreSQL, one live process at a time runs it ({@link OwnerLock}), it stops within a
 * second of that process's death, and a start stops what a dead process left (through the pid
 * file Redis writes in the data directory, {@link PidFileProcess}).
 */
public final class EmbeddedRedisServer implements AutoCloseable {
  static final String PORT_FILE = "embedded-redis.port";
  static final String PID_FILE = "embedded-redis.pid";
  static final String LOCK_FILE = "embedded-redis.lock";
  private static final Logger log = LoggerFactory.getLogger(EmbeddedRedisServer.class);

  private final RedisServer server;
  private final int port;
  private final PidFileProcess.Watch watch;
  private final OwnerLock owner;

  private EmbeddedRedisServer(RedisServer server, int port, PidFileProcess.Watch watch, OwnerLock owner) {
    this.server = server;
    this.port = port;
    this.watch = watch;
    this.owner = owner;
  }

  public static EmbeddedRedisServer start(Path dataDir) {
    return start(dataDir, 0);
  }

  /** Starts on {@code port}, or on the remembered (else a free) port when it is 0. */
  public static EmbeddedRedisServer start(Path dataDir, int port) {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data directory " + dataDir + ": " + e.getMessage(), e);
    }
    OwnerLock owner = OwnerLock.acquire(dataDir.resolve(LOCK_FILE), dataDir, "Redis");
    PidFileProcess.Watch watch = null;
    try {
      PidFileProcess process = process(dataDir);
      if (process.stopLeftover()) log.warn("stopped the embedded Redis a node that is gone left running on {}", dataDir);
      // Chosen once the leftover is gone, so its remembered port is free again.
      if (port != 0) RememberedPort.remember(dataDir.resolve(PORT_FILE), port);
      else port = RememberedPort.choose(dataDir.resolve(PORT_FILE));
      watch = process.watchThisJvm();
      RedisServer server = RedisServer.newRedisServer()
          .port(port)
          .bind("127.0.0.1")
          .setting("save \"\"")
          .setting("appendonly no")
          .setting("pidfile \"" + dataDir.resolve(PID_FILE).toAbsolutePath() + "\"")
          .build();
      server.start();
      return new EmbeddedRedisServer(server, port, watch, owner);
    } catch (IOException | RuntimeException e) {
      if (watch != null) watch.release();
      owner.close();
      if (e instanceof IOException io) throw new UncheckedIOException("cannot start the embedded Redis: " + io.getMessage(), io);
      throw (RuntimeException) e;
    }
  }

  /** The server as its pid file names it: SIGTERM, SIGKILL after 5 s (it keeps nothing to flush). */
  static PidFileProcess process(Path dataDir) {
    return new PidFileProcess(dataDir.resolve(PID_FILE), "redis-server", "TERM", "KILL", 50,
        dataDir.resolve(EmbeddedPostgresServer.WATCH_LOG));
  }

  public String uri() {
    return "redis://127.0.0.1:" + port + "/0";
  }

  /** Stops the server, then ends its watch and frees the data directory. */
  @Override
  public void close() {
    try {
      server.stop();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stop the embedded Redis", e);
    } finally {
      watch.release();
      owner.close();
    }
  }
}
