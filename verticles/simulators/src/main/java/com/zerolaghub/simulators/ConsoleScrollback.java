package com.zerolaghub.simulators;

import io.vertx.core.buffer.Buffer;

/** The last {@code capacity} bytes of PTY output, replayed to each new console connection. */
final class ConsoleScrollback {
  private final byte[] ring;
  private long written;

  ConsoleScrollback(int capacity) {
    this.ring = new byte[capacity];
  }

  synchronized void append(Buffer output) {
    byte[] bytes = output.getBytes();
    int start = Math.max(0, bytes.length - ring.length);
    for (int i = start; i < bytes.length; i++) {
      ring[(int) (written % ring.length)] = bytes[i];
      written++;
    }
  }

  /** The retained bytes, oldest first. */
  synchronized Buffer snapshot() {
    int size = (int) Math.min(written, ring.length);
    byte[] out = new byte[size];
    long from = written - size;
    for (int i = 0; i < size; i++) {
      out[i] = ring[(int) ((from + i) % ring.length)];
    }
    return Buffer.buffer(out);
  }

  synchronized long totalWritten() {
    return written;
  }
}
