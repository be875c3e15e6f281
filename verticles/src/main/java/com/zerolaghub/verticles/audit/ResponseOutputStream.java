package com.zerolaghub.verticles.audit;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;

/**
 * Lets blocking code on a worker thread stream into an HTTP response: buffers 64 KiB, writes,
 * and waits for each write so a slow client slows the export instead of filling memory.
 */
final class ResponseOutputStream extends OutputStream {
  private static final int CHUNK = 1 << 16;
  private final HttpServerResponse response;
  private byte[] buf = new byte[CHUNK];
  private int size;

  ResponseOutputStream(HttpServerResponse response) {
    this.response = response;
  }

  @Override
  public void write(int b) throws IOException {
    if (size == buf.length) flush();
    buf[size++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      if (size == buf.length) flush();
      int n = Math.min(len, buf.length - size);
      System.arraycopy(b, off, buf, size, n);
      size += n;
      off += n;
      len -= n;
    }
  }

  @Override
  public void flush() throws IOException {
    if (size == 0) return;
    Buffer chunk = Buffer.buffer(size).appendBytes(buf, 0, size);
    size = 0;
    try {
      response.write(chunk).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IOException("client went away: " + e.getMessage(), e);
    }
  }
}
