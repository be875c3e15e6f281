package com.zerolaghub.verticles.smoke;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The node's public API as a client outside the platform sees it, called one request at a time
 * from the smoke's own thread (never an event loop). Keeps every answer it read, so the run can
 * check afterwards that none carried an internal token.
 */
final class PublicApi {
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

  private final URI base;
  private final HttpClient http;
  private final List<Answer> seen = new CopyOnWriteArrayList<>();

  PublicApi(Vertx vertx, URI base) {
    this.base = base;
    // one connection per request: a refused request must never leave a half-read connection behind
    this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false).setTrustAll(false));
  }

  URI base() {
    return base;
  }

  Answer get(String token, String path) {
    return send(token, HttpMethod.GET, path, null, Map.of());
  }

  Answer send(String token, HttpMethod method, String path, JsonObject body) {
    return send(token, method, path, body == null ? null : body.toBuffer(), body == null ? Map.of() : Map.of("Content-Type", "application/json"));
  }

  Answer send(String token, HttpMethod method, String path, Buffer body, Map<String, String> headers) {
    RequestOptions options = new RequestOptions().setMethod(method).setAbsoluteURI(base.resolve(path).toString())
        .setTimeout(REQUEST_TIMEOUT.toMillis());
    if (token != null) options.putHeader("Authorization", "Bearer " + token);
    headers.forEach(options::putHeader);
    return exchange(method, path, options, body);
  }

  /**
   * A browser's GET of {@code uri} (a dev-host link), connecting to {@code connectTo} when given
   * (its host does not resolve here) with the link's own Host header.
   */
  Answer browse(URI uri, String connectTo, String cookie) {
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    if (uri.getRawQuery() != null) path += "?" + uri.getRawQuery();
    boolean ssl = "https".equalsIgnoreCase(uri.getScheme());
    int port = uri.getPort() > 0 ? uri.getPort() : ssl ? 443 : 80;
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setSsl(ssl)
        .setHost(uri.getHost()).setPort(port).setURI(path).setTimeout(REQUEST_TIMEOUT.toMillis())
        .setFollowRedirects(false).putHeader("Accept", "text/html");
    if (connectTo != null) options.setServer(SocketAddress.inetSocketAddress(port, connectTo));
    if (cookie != null) options.putHeader("Cookie", cookie);
    return exchange(HttpMethod.GET, uri.getHost() + path, options, null);
  }

  /** Every answer read so far. */
  List<Answer> seen() {
    return List.copyOf(seen);
  }

  private Answer exchange(HttpMethod method, String path, RequestOptions options, Buffer body) {
    Future<Answer> answer = http.request(options)
        .compose(request -> body == null ? request.send() : request.send(body))
        .compose(response -> response.body().map(b -> new Answer(method.name(), path, response.statusCode(), response.headers(), b)));
    Answer a = await(answer, method + " " + path);
    seen.add(a);
    return a;
  }

  static <T> T await(Future<T> future, String what) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(REQUEST_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SmokeCheckFailed(what + ": interrupted");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new SmokeCheckFailed(what + ": " + (cause.getMessage() == null ? cause.toString() : cause.getMessage()), cause);
    } catch (TimeoutException e) {
      throw new SmokeCheckFailed(what + ": no answer within " + REQUEST_TIMEOUT.toSeconds() + " s");
    }
  }
}
