package com.zerolaghub.verticles.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequest;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;
import java.util.List;

/**
 * Vert.x's HTTP/1.x request decoder with two guards, put in its place on every new connection:
 * <ul>
 *   <li>a request with both {@code Content-Length} and {@code Transfer-Encoding: chunked} is
 *       marked invalid (Netty would drop the length and read it as chunked): a proxy in front
 *       may have framed it the other way, the shape of request smuggling. RFC 9112 §6.1 lets a
 *       server refuse it; the invalid-request handler answers 400 and closes the connection;</li>
 *   <li>it drives the connection's {@link ConnectionDeadlines} from the bytes it sees and the
 *       request heads it decodes, and stops them when it is removed (WebSocket upgrade, close).</li>
 * </ul>
 * Netty and Vert.x internals are used here (and only here): a Vert.x upgrade is covered by the
 * raw-socket tests of this behaviour.
 */
final class GuardedRequestDecoder extends VertxHttpRequestDecoder {
  /** The name Vert.x gives the decoder (and removes it by on upgrades). */
  static final String NAME = "httpDecoder";
  private final ConnectionDeadlines deadlines;

  GuardedRequestDecoder(HttpServerOptions options, ConnectionDeadlines deadlines) {
    super(options);
    this.deadlines = deadlines;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
    super.handlerAdded(ctx);
    deadlines.opened(ctx);
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
    if (in.isReadable()) deadlines.bytesArrived();
    int before = out.size();
    super.decode(ctx, in, out);
    for (int i = before; i < out.size(); i++) {
      if (out.get(i) instanceof HttpRequest) deadlines.headDecoded();
    }
  }

  @Override
  protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
    super.handleTransferEncodingChunkedWithContentLength(message);
    message.setDecoderResult(DecoderResult.failure(new AmbiguousFramingException()));
  }

  @Override
  protected void handlerRemoved0(ChannelHandlerContext ctx) throws Exception {
    deadlines.detach();
    if (ctx.pipeline().get(ConnectionDeadlines.ResponseEnds.NAME) != null) ctx.pipeline().remove(ConnectionDeadlines.ResponseEnds.NAME);
    super.handlerRemoved0(ctx);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    deadlines.detach();
    super.channelInactive(ctx);
  }

  /** Both Content-Length and Transfer-Encoding: the body's end is ambiguous. */
  static final class AmbiguousFramingException extends RuntimeException {
    AmbiguousFramingException() {
      super("both Content-Length and Transfer-Encoding", null, false, false);
    }
  }
}
