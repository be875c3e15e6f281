package com.zerolaghub.verticles.servers;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * An upload body passed through while it stays within a size limit; past it, the stream fails
 * (so the call carrying it is cut) and {@link #exceeded()} says why.
 */
final class LimitedUpload implements ReadStream<Buffer> {
  private final ReadStream<Buffer> source;
  private final long limit;
  private long received;
  private volatile boolean exceeded;
  private Handler<Throwable> exceptionHandler;

  LimitedUpload(ReadStream<Buffer> source, long limit) {
    this.source = source;
    this.limit = limit;
  }

  boolean exceeded() {
    return exceeded;
  }

  @Override
  public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
    this.exceptionHandler = handler;
    source.exceptionHandler(handler);
    return this;
  }

  @Override
  public ReadStream<Buffer> handler(Handler<Buffer> handler) {
    if (handler == null) {
      source.handler(null);
      return this;
    }
    source.handler(chunk -> {
      if (exceeded) return;
      received += chunk.length();
      if (received > limit) {
        exceeded = true;
        source.pause();
        if (exceptionHandler != null) exceptionHandler.handle(new IllegalStateException("upload larger than " + limit + " bytes"));
        return;
      }
      handler.handle(chunk);
    });
    return this;
  }

  @Override
  public ReadStream<Buffer> pause() {
    source.pause();
    return this;
  }

  @Override
  public ReadStream<Buffer> resume() {
    if (!exceeded) source.resume();
    return this;
  }

  @Override
  public ReadStream<Buffer> fetch(long amount) {
    if (!exceeded) source.fetch(amount);
    return this;
  }

  @Override
  public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
    source.endHandler(v -> {
      if (!exceeded && endHandler != null) endHandler.handle(v);
    });
    return this;
  }
}
