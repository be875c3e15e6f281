package com.zerolaghub.verticles.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A port kept in a file of the data directory, so an embedded server comes back on the same
 * port after a restart (tools such as psql or {@code zlh events tail} find it there). A new free
 * port is taken the first time, or when the remembered one is busy.
 */
final class RememberedPort {
  private static final Logger log = LoggerFactory.getLogger(RememberedPort.class);

  private RememberedPort() {}

  static int choose(Path file) {
    Integer remembered = read(file);
    if (remembered != null && isFree(remembered)) return remembered;
    int port = freePort();
    if (remembered != null) log.warn("port {} remembered in {} is busy; using {}", remembered, file, port);
    write(file, port);
    return port;
  }

  /** Remembers a port given by the operator; answers it. */
  static int remember(Path file, int port) {
    write(file, port);
    return port;
  }

  static Integer read(Path file) {
    try {
      return Files.isRegularFile(file) ? Integer.valueOf(Files.readString(file, StandardCharsets.US_ASCII).trim()) : null;
    } catch (IOException | NumberFormatException e) {
      return null;
    }
  }

  private static void write(Path file, int port) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, port + "\n", StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static boolean isFree(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
