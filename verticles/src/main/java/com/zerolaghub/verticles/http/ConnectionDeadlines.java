package com.zerolaghub.verticles.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two clocks of one HTTP/1.x connection, run on its event loop:
 * <ul>
 *   <li>header timeout: from the connection's accept, or from the first byte of a later
 *       request, its request line and headers must be complete within this time (a client
 *       trickling a header byte by byte no longer holds a connection for as long as it likes);</li>
 *   <li>idle timeout: a keep-alive connection with no request in flight is closed after this
 *       time without a new byte.</li>
 * </ul>
 * While a request is in flight neither clock runs (handlers have their own time limits), and a
 * connection upgraded to a WebSocket leaves both behind ({@link #detach}): long-lived sockets
 * are not cut for being quiet. Zero switches a clock off.
 */
final class ConnectionDeadlines {
  private static final Logger log = LoggerFactory.getLogger(ConnectionDeadlines.class);
  private final long headerTimeoutMs;
  private final long idleTimeoutMs;
  private ChannelHandlerContext ctx;
  private ScheduledFuture<?> timer;
  private boolean awaitingHead = true;
  private int inFlight;
  private boolean detached;

  ConnectionDeadlines(long headerTimeoutMs, long idleTimeoutMs) {
    this.headerTimeoutMs = headerTimeoutMs;
    this.idleTimeoutMs = idleTimeoutMs;
  }

  /** The connection is ready to read its first request. */
  void opened(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    arm(headerTimeoutMs, "request head not complete");
  }

  /** Bytes arrived; on an idle connection they start a new request head. */
  void bytesArrived() {
    if (detached || inFlight > 0 || awaitingHead) return;
    awaitingHead = true;
    arm(headerTimeoutMs, "request head not complete");
  }

  /** A request's line and headers were decoded. */
  void headDecoded() {
    awaitingHead = false;
    inFlight++;
    cancel();
  }

  /** A final response was handed to the encoder. */
  void responseEnded() {
    if (inFlight > 0) inFlight--;
    if (inFlight == 0 && !awaitingHead) arm(idleTimeoutMs, "idle");
  }

  /** The connection stopped speaking HTTP/1.x (WebSocket upgrade) or closed. */
  void detach() {
    detached = true;
    cancel();
  }

  private void arm(long ms, String reason) {
    cancel();
    if (detached || ms <= 0 || ctx == null) return;
    timer = ctx.executor().schedule(() -> {
      if (detached) return;
      log.atDebug().setMessage("closing connection").addKeyValue("reason", reason)
          .addKeyValue("remote", String.valueOf(ctx.channel().remoteAddress())).log();
      ctx.channel().close();
    }, ms, TimeUnit.MILLISECONDS);
  }

  private void cancel() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }

  /** Watches what the server writes, to learn when a response ended (1xx interim answers do not count). */
  static final class ResponseEnds extends ChannelOutboundHandlerAdapter {
    static final String NAME = "zlhResponseEnds";
    private final ConnectionDeadlines deadlines;

    ResponseEnds(ConnectionDeadlines deadlines) {
      this.deadlines = deadlines;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
      boolean ends = msg instanceof LastHttpContent
          && !(msg instanceof HttpResponse r && r.status().codeClass() == HttpStatusClass.INFORMATIONAL);
      super.write(ctx, msg, promise);
      if (ends) deadlines.responseEnded();
    }
  }
}
