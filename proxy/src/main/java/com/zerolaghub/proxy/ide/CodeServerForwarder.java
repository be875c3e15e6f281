package com.zerolaghub.proxy.ide;

import com.zerolaghub.proxy.ProblemPage;
import com.zerolaghub.proxy.ProxyMetrics;
import com.zerolaghub.proxy.UpstreamHeaders;
import com.zerolaghub.proxy.routing.DevRoute;
import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import io.vertx.httpproxy.ProxyRequest;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards one (authorized) request to a container's code-server: plain HTTP through
 * vertx-http-proxy's {@link ProxyRequest} (streamed both ways with back-pressure), WebSocket
 * upgrades through a {@link WebSocketTunnel}. The client's {@code Host} (with its port) is kept,
 * since code-server checks {@code Origin} against it. A container that is down or unreachable
 * answers 502 (refused; to a browser loading a page, a 503 page that reloads itself while the IDE
 * starts) or 504 (no connection or answer in time), never a hang.
 */
public final class CodeServerForwarder {
  private static final Logger log = LoggerFactory.getLogger(CodeServerForwarder.class);
  private static final int IDE_RETRY_SECONDS = 2;

  private final HttpClient client;
  private final HttpClient tunnelClient;
  private final UpstreamOptions options;
  private final ProxyMetrics metrics;
  private final WebSocketTunnel tunnel;

  public CodeServerForwarder(Vertx vertx, UpstreamOptions options, ProxyMetrics metrics) {
    this.options = Objects.requireNonNull(options, "options");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    int connectMillis = (int) Math.max(1, options.connectTimeout().toMillis());
    this.client = vertx.createHttpClient(
        new HttpClientOptions()
            .setConnectTimeout(connectMillis)
            .setKeepAlive(true)
            .setKeepAliveTimeout(30),
        new PoolOptions()
            .setHttp1MaxSize(options.maxConnectionsPerBackend())
            .setMaxWaitQueueSize(options.maxConnectionsPerBackend() * 8));
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
   * has authorized it and may have paused the request (it is resumed here).
   */
  public void forward(HttpServerRequest request, DevRoute route, String upstreamUri) {
    SocketAddress origin = SocketAddress.inetSocketAddress(options.codeServerPort(), route.address());
    UpstreamHeaders.Client clientSide = clientSide(request);
    if (request.canUpgradeToWebSocket()) {
      tunnel.open(request, origin, upstreamUri, clientSide);
    } else {
      http(request, origin, upstreamUri, clientSide);
    }
  }

  public Future<Void> close() {
    return Future.all(client.close(), tunnelClient.close()).mapEmpty();
  }

  private void http(HttpServerRequest request, SocketAddress origin, String uri, UpstreamHeaders.Client clientSide) {
    metrics.opened(ProxyMetrics.Kind.HTTP);
    ProxyRequest proxyRequest = ProxyRequest.reverseProxy(request);
    proxyRequest.setURI(uri);
    UpstreamHeaders.prepareRequest(proxyRequest.headers(), clientSide);
    HostAndPort host = request.authority();
    client.request(requestOptions(origin))
        .compose(upstream -> {
          if (host != null) {
            upstream.authority(host);
          }
          upstream.idleTimeout(options.responseTimeout().toMillis());
          return proxyRequest.send(upstream);
        })
        .compose(response -> {
          UpstreamHeaders.prepareResponse(response.headers());
          return response.send();
        })
        .onComplete(done -> metrics.closed(ProxyMetrics.Kind.HTTP))
        .onFailure(failure -> {
          if (request.response().headWritten()) {
            request.response().reset(); // mid-body: the client sees a cut, not a forged end
            return;
          }
          proxyRequest.release();
          upstreamFailed(request, failure);
        });
  }

  private RequestOptions requestOptions(SocketAddress origin) {
    return new RequestOptions().setServer(origin).setConnectTimeout(options.connectTimeout().toMillis());
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
