package com.zerolaghub.proxy.testing;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import java.util.function.Supplier;

/**
 * A browser stand-in that talks to the proxy at 127.0.0.1:{@code port} while sending any
 * {@code Host} (dev hosts need no DNS in tests).
 */
public final class ProxyClient implements AutoCloseable {
  private final HttpClient http;
  private final WebSocketClient webSockets;
  private final int port;
  private final Context context;

  public ProxyClient(Vertx vertx, int port) {
    this.http = vertx.createHttpClient();
    this.webSockets = vertx.createWebSocketClient();
    this.port = port;
    this.context = vertx.getOrCreateContext();
  }

  /** An answer read whole. */
  public record Answer(int status, MultiMap headers, Buffer body) {
    public JsonObject json() {
      return body.toJsonObject();
    }

    public String header(String name) {
      return headers.get(name);
    }
  }

  public int port() {
    return port;
  }

  public RequestOptions options(HttpMethod method, String host, String uri) {
    return new RequestOptions()
        .setServer(SocketAddress.inetSocketAddress(port, "127.0.0.1"))
        .setHost(host)
        .setPort(port)
        .setMethod(method)
        .setURI(uri);
  }

  public Future<Answer> get(String host, String uri, MultiMap headers) {
    return send(options(HttpMethod.GET, host, uri).setHeaders(headers), null);
  }

  public Future<Answer> send(RequestOptions options, Buffer body) {
    return onContext(() -> http.request(options)
        .compose(request -> body == null ? request.send() : request.send(body))
        .compose(response -> response.body().map(b -> new Answer(response.statusCode(), response.headers(), b))));
  }

  /** The answer to a hand-made upgrade request; on 101 the raw socket (close it). */
  public record Upgrade(int status, MultiMap headers, NetSocket socket) {}

  /** Sends an upgrade request by hand (any headers) and answers the raw response. */
  public Future<Upgrade> upgrade(String host, String uri, MultiMap headers) {
    return onContext(() -> http.request(options(HttpMethod.GET, host, uri).setHeaders(headers))
        .compose(request -> request.connect())
        .map(response -> new Upgrade(response.statusCode(), response.headers(),
            response.statusCode() == 101 ? response.netSocket() : null)));
  }

  /**
   * A WebSocket to 127.0.0.1 sending {@code Host: host:port} and, like a page on that host,
   * {@code Origin: http://host:port} unless {@code headers} has another.
   */
  public Future<WebSocket> webSocket(String host, String uri, MultiMap headers) {
    WebSocketConnectOptions options = new WebSocketConnectOptions()
        .setHost("127.0.0.1")
        .setPort(port)
        .setURI(uri);
    MultiMap sent = MultiMap.caseInsensitiveMultiMap().addAll(headers).set("Host", host + ":" + port);
    if (!sent.contains("Origin")) {
      sent.set("Origin", "http://" + host + ":" + port);
    }
    options.setHeaders(sent);
    return onContext(() -> webSockets.connect(options));
  }

  /** A console WebSocket, its probe attached before any frame can arrive. */
  public Future<ConsoleProbe> console(String uri, MultiMap headers) {
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(uri);
    options.setHeaders(headers);
    return onContext(() -> webSockets.connect(options).map(ConsoleProbe::new));
  }

  /**
   * Runs a call on this client's one context: calls from the test thread would each get a new
   * context while sharing pooled connections, and responses could then be missed.
   */
  private <T> Future<T> onContext(Supplier<Future<T>> call) {
    Promise<T> promise = Promise.promise();
    context.runOnContext(v -> call.get().onComplete(promise));
    return promise.future();
  }

  @Override
  public void close() {
    http.close();
    webSockets.close();
  }
}
