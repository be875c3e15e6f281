package com.zerolaghub.proxy.impl.ide;

import com.zerolaghub.proxy.ProxyMetrics;
import com.zerolaghub.proxy.ide.UpstreamOptions;
import com.zerolaghub.proxy.impl.ProblemPage;
import com.zerolaghub.proxy.impl.UpstreamHeaders;
import com.zerolaghub.proxy.routing.DevRoute;
import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards one (authorized) request to a container's code-server: plain HTTP directly (headers
 * copied in one pass, bodies piped both ways with back-pressure), WebSocket upgrades through a
 * {@link WebSocketTunnel}. The client's {@code Host} (with its port) is kept, since code-server
 * checks {@code Origin} against it. A container that is down or unreachable answers 502
 * (refused; to a browser loading a page, a 503 page that reloads itself while the IDE starts) or
 * 504 (no connection or answer in time), never a hang.
 *
 * <p>Each event loop has an upstream client of its own: a pooled connection then lives on the
 * loop that uses it, and no request's work is handed to another loop. Upstream silence is caught
 * by the connection's idle timeout, not by a timer per request.
 */
public final class CodeServerForwarder {
  private static final Logger log = LoggerFactory.getLogger(CodeServerForwarder.class);
  private static final int IDE_RETRY_SECONDS = 2;

  private final Vertx vertx;
  private final ConcurrentHashMap<Thread, HttpClient> clients = new ConcurrentHashMap<>();
  private final HttpClient tunnelClient;
  private final UpstreamOptions options;
  private final ProxyMetrics metrics;
  private final WebSocketTunnel tunnel;
  private final long responseTimeoutNanos;
  private volatile boolean closed;

  public CodeServerForwarder(Vertx vertx, UpstreamOptions options, ProxyMetrics metrics) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.options = Objects.requireNonNull(options, "options");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.responseTimeoutNanos = options.responseTimeout().toNanos();
    int connectMillis = (int) Math.max(1, options.connectTimeout().toMillis());
    // upgraded connections keep their pool slot until closed: tunnels get a pool of their own
    this.tunnelClient = vertx.createHttpClient(
        new HttpClientOptions().setConnectTimeout(connectMillis).setKeepAlive(true).setKeepAliveTimeout(5),
        new PoolOptions()
            .setHttp1MaxSize(options.maxTunnelsPerBackend())
            .setMaxWaitQueueSize(options.maxTunnelsPerBackend()));
    this.tunnel = new WebSocketTunnel(tunnelClient, options, metrics);
  }

  /**
   * Forwards {@code request} to {@code route}'s code-server as {@code upstreamUri}. The caller
   * has authorized it and, if {@code paused}, paused the request (it is resumed here).
   */
  public void forward(HttpServerRequest request, DevRoute route, String upstreamUri, boolean paused) {
    SocketAddress origin = SocketAddress.inetSocketAddress(options.codeServerPort(), route.address());
    UpstreamHeaders.Client clientSide = clientSide(request);
    if (request.canUpgradeToWebSocket()) {
      tunnel.open(request, origin, upstreamUri, clientSide);
    } else {
      http(request, origin, upstreamUri, clientSide, paused);
    }
  }

  public Future<Void> close() {
    closed = true;
    List<Future<Void>> closing = new ArrayList<>();
    closing.add(tunnelClient.close());
    clients.values().forEach(client -> closing.add(client.close()));
    clients.clear();
    return Future.all(closing).mapEmpty();
  }

  /** This event loop's upstream client. */
  private HttpClient client() {
    HttpClient mine = clients.get(Thread.currentThread()); // a plain read once the loop has its client
    return mine != null ? mine : clients.computeIfAbsent(Thread.currentThread(), thread -> vertx.createHttpClient(
        new HttpClientOptions()
            .setConnectTimeout((int) Math.max(1, options.connectTimeout().toMillis()))
            .setKeepAlive(true)
            .setKeepAliveTimeout(30)
            .setIdleTimeout((int) Math.max(1, options.responseTimeout().toMillis()))
            .setIdleTimeoutUnit(TimeUnit.MILLISECONDS),
        new PoolOptions()
            .setHttp1MaxSize(options.maxConnectionsPerBackend())
            .setMaxWaitQueueSize(options.maxConnectionsPerBackend() * 8)));
  }

  private void http(HttpServerRequest request, SocketAddress origin, String uri, UpstreamHeaders.Client clientSide,
      boolean paused) {
    if (closed) {
      request.resume();
      ProblemPage.send(request, 503, "proxy_stopping", "The proxy is stopping, try again shortly");
      return;
    }
    boolean body = hasBody(request);
    if (body) {
      request.pause(); // until the upstream request can take the body (the pipe resumes it)
    } else if (paused) {
      request.resume(); // nothing to keep: let its end through
    }
    metrics.opened(ProxyMetrics.Kind.HTTP);
    long started = System.nanoTime();
    HostAndPort host = request.authority();
    RequestOptions upstreamOptions = new RequestOptions().setServer(origin).setMethod(request.method()).setURI(uri);
    client().request(upstreamOptions).onComplete(connected -> {
      if (connected.failed()) {
        if (body) {
          request.resume();
        }
        failed(request, connected.cause(), started);
        return;
      }
      HttpClientRequest upstream = connected.result();
      if (host != null) {
        upstream.authority(host);
      }
      MultiMap incoming = request.headers();
      UpstreamHeaders.copyRequest(incoming, upstream.headers(), clientSide);
      upstream.response().onComplete(answered -> {
        if (answered.failed()) {
          failed(request, answered.cause(), started);
        } else {
          relay(request, upstream, answered.result());
        }
      });
      if (!body) {
        upstream.end();
        return;
      }
      if (incoming.contains(HttpHeaders.TRANSFER_ENCODING)) {
        upstream.setChunked(true); // a body of unknown length
      }
      // the body streams up with back-pressure; the pipe resumes the request
      request.pipeTo(upstream).onFailure(failure -> upstream.reset());
    });
  }

  /**
   * Streams the answer to the client with back-pressure: the upstream is paused while the
   * client's write queue is full. Written by hand rather than piped: a pipe costs a few futures
   * and a queue per answer. A failure mid-body cuts the client's answer, never ends it as if complete.
   */
  private void relay(HttpServerRequest request, HttpClientRequest upstream, HttpClientResponse answer) {
    HttpServerResponse front = request.response();
    front.setStatusCode(answer.statusCode()).setStatusMessage(answer.statusMessage());
    UpstreamHeaders.copyResponse(answer.headers(), front.headers());
    if (!front.headers().contains(HttpHeaders.CONTENT_LENGTH) && answerHasBody(request, answer.statusCode())
        && request.version() != HttpVersion.HTTP_1_0) {
      front.setChunked(true);
    }
    boolean[] done = {false};
    Runnable cut = () -> {
      if (!done[0]) {
        done[0] = true;
        metrics.closed(ProxyMetrics.Kind.HTTP);
        upstream.reset(); // its connection has unread bytes: never back to the pool
        if (!front.ended()) {
          front.reset(); // the client sees a cut, not a forged end
        }
      }
    };
    answer.handler(chunk -> {
      front.write(chunk);
      if (front.writeQueueFull()) {
        answer.pause();
        front.drainHandler(v -> answer.resume());
      }
    });
    answer.exceptionHandler(failure -> cut.run());
    front.closeHandler(v -> cut.run());
    answer.endHandler(v -> {
      if (!done[0]) {
        done[0] = true;
        metrics.closed(ProxyMetrics.Kind.HTTP);
        front.end();
      }
    });
  }

  private void failed(HttpServerRequest request, Throwable failure, long started) {
    metrics.closed(ProxyMetrics.Kind.HTTP);
    if (request.response().headWritten()) {
      request.response().reset(); // mid-body: the client sees a cut, not a forged end
      return;
    }
    // the connection's idle timeout closed it: the upstream said nothing for the response timeout
    boolean silent = System.nanoTime() - started >= responseTimeoutNanos;
    upstreamFailed(request, silent ? new TimeoutException("no answer within the response timeout") : failure);
  }

  /** Whether a request carries a body: a length other than 0, or a transfer coding (RFC 9112 §6.3). */
  private static boolean hasBody(HttpServerRequest request) {
    MultiMap headers = request.headers();
    if (headers.contains(HttpHeaders.TRANSFER_ENCODING)) {
      return true;
    }
    String length = headers.get(HttpHeaders.CONTENT_LENGTH);
    return length != null && !length.equals("0");
  }

  /** Whether an answer with {@code status} to {@code request} carries a body (RFC 9110 §6.4.1). */
  private static boolean answerHasBody(HttpServerRequest request, int status) {
    return request.method() != HttpMethod.HEAD && status >= 200 && status != 204 && status != 304;
  }

  static void upstreamFailed(HttpServerRequest request, Throwable failure) {
    boolean timedOut = isTimeout(failure);
    log.debug("code-server upstream failed ({}): {}", timedOut ? "timeout" : "unreachable", failure.toString());
    if (timedOut) {
      ProblemPage.send(request, 504, "dev_server_timeout", "The dev server did not answer in time");
    } else if (ProblemPage.isBrowserPageLoad(request)) {
      // The host runs but its IDE does not listen yet (it takes seconds after a start): a person
      // who opened the IDE gets a page that reloads itself until the IDE answers, not a dead end.
      ProblemPage.starting(request, IDE_RETRY_SECONDS, "Your IDE is starting",
          "The server is running and its IDE is getting ready. This page reloads by itself every few seconds.");
    } else {
      ProblemPage.send(request, 502, "dev_server_unreachable", "The dev server is not reachable");
    }
  }

  static boolean isTimeout(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof TimeoutException || t instanceof ConnectTimeoutException) {
        return true;
      }
    }
    return false;
  }

  private UpstreamHeaders.Client clientSide(HttpServerRequest request) {
    SocketAddress peer = request.remoteAddress();
    String address = peer == null ? "unknown" : peer.hostAddress() != null ? peer.hostAddress() : peer.host();
    HostAndPort host = request.authority();
    return new UpstreamHeaders.Client(address, request.isSSL() ? "https" : "http",
        host == null ? "" : host.toString(), options.trustForwardedHeaders());
  }
}
