package com.zerolaghub.proxy.impl.ide;

import com.zerolaghub.proxy.ProxyMetrics;
import com.zerolaghub.proxy.ide.UpstreamOptions;
import com.zerolaghub.proxy.impl.UpstreamHeaders;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proxies a WebSocket upgrade as a byte tunnel: the upgrade request goes upstream (with the
 * client's {@code Host} and {@code Origin}, platform credentials stripped, {@code Connection}
 * normalized to {@code Upgrade} so Firefox's {@code keep-alive, Upgrade} works); a 101 joins
 * both sockets with pipes (back-pressure both ways), any other answer is relayed as is — e.g.
 * code-server's own 403 for a foreign {@code Origin}.
 *
 * <p>Not vertx-http-proxy's built-in WebSocket path: in 5.0 it replaces {@code Host} with the
 * origin's and copies bytes without back-pressure.
 */
final class WebSocketTunnel {
  private static final Logger log = LoggerFactory.getLogger(WebSocketTunnel.class);
  private static final List<String> NOT_FORWARDED =
      List.of("host", "content-length", "transfer-encoding", "keep-alive", "te", "trailer", "proxy-connection");

  private final HttpClient client;
  private final UpstreamOptions options;
  private final ProxyMetrics metrics;

  WebSocketTunnel(HttpClient client, UpstreamOptions options, ProxyMetrics metrics) {
    this.client = client;
    this.options = options;
    this.metrics = metrics;
  }

  void open(HttpServerRequest request, SocketAddress origin, String uri, UpstreamHeaders.Client clientSide) {
    request.pause();
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    for (Map.Entry<String, String> header : request.headers()) {
      if (!NOT_FORWARDED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
        headers.add(header.getKey(), header.getValue());
      }
    }
    UpstreamHeaders.prepareRequest(headers, clientSide);
    headers.set("Connection", "Upgrade"); // Firefox sends "keep-alive, Upgrade"
    HostAndPort host = request.authority();
    long answerMillis = options.responseTimeout().toMillis();
    RequestOptions upgrade = new RequestOptions()
        .setServer(origin)
        .setConnectTimeout(options.connectTimeout().toMillis())
        .setMethod(HttpMethod.GET)
        .setURI(uri);
    client.request(upgrade)
        .compose(upstream -> {
          if (host != null) {
            upstream.authority(host);
          }
          upstream.headers().addAll(headers);
          // the request object outlives the upgrade and hears of the tunnel's every close
          upstream.exceptionHandler(e -> log.debug("code-server tunnel: {}", e.toString()));
          Future<HttpClientResponse> answer = upstream.connect();
          request.resume(); // an upgrade request has no body; let its end through
          Future<HttpClientResponse> inTime = answer.timeout(answerMillis, TimeUnit.MILLISECONDS);
          inTime.onFailure(late -> upstream.reset()); // nobody will own a socket upgraded after the deadline
          return inTime;
        })
        .onSuccess(response -> {
          if (response.statusCode() == 101) {
            join(request, response);
          } else {
            relay(request, response);
          }
        })
        .onFailure(failure -> {
          request.resume();
          CodeServerForwarder.upstreamFailed(request, failure);
        });
  }

  private void join(HttpServerRequest request, HttpClientResponse upstreamAnswer) {
    NetSocket upstream = upstreamAnswer.netSocket();
    HttpServerResponse front = request.response();
    front.setStatusCode(101);
    copyAnswerHeaders(upstreamAnswer.headers(), front.headers());
    front.headers().set("Connection", "Upgrade");
    request.toNetSocket()
        .onSuccess(downstream -> {
          metrics.opened(ProxyMetrics.Kind.WEBSOCKET);
          AtomicBoolean closed = new AtomicBoolean();
          Runnable closeBoth = () -> {
            if (closed.compareAndSet(false, true)) {
              metrics.closed(ProxyMetrics.Kind.WEBSOCKET);
              downstream.close();
              upstream.close();
            }
          };
          downstream.closeHandler(v -> closeBoth.run());
          upstream.closeHandler(v -> closeBoth.run());
          downstream.pipeTo(upstream).onComplete(v -> closeBoth.run());
          upstream.pipeTo(downstream).onComplete(v -> closeBoth.run());
        })
        .onFailure(failure -> upstream.close());
  }

  private static void relay(HttpServerRequest request, HttpClientResponse answer) {
    HttpServerResponse front = request.response();
    front.setStatusCode(answer.statusCode()).setStatusMessage(answer.statusMessage());
    copyAnswerHeaders(answer.headers(), front.headers());
    if (answer.headers().get("Content-Length") == null) {
      front.setChunked(true);
    }
    answer.pipeTo(front);
  }

  private static void copyAnswerHeaders(MultiMap from, MultiMap to) {
    MultiMap copy = MultiMap.caseInsensitiveMultiMap().addAll(from);
    String upgrade = copy.get("Upgrade");
    UpstreamHeaders.prepareResponse(copy);
    copy.remove("Transfer-Encoding");
    if (upgrade != null) {
      copy.set("Upgrade", upgrade); // hop-by-hop, but the 101 itself must carry it
    }
    to.addAll(copy);
  }
}
