package com.zerolaghub.verticles.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.verticles.config.ProxyConfig;
import com.zerolaghub.verticles.testing.WiredNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import java.io.BufferedInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The hosted IDE as a customer reaches it on a node wired as {@code zlh run} wires it: the
 * panel's one-time link, the dev-host proxy's cookie exchange, the container's code-server behind it.
 * The proxy listens on any free port ({@code proxy.port 0}) and the links must name that port.
 */
@DisplayName("Hosted IDE through a whole node")
class HostedIdeThroughNodeTest {
  private static WiredNode node;
  private static Vertx vertx;
  private static HttpClient browser;

  @BeforeAll
  static void start() throws Exception {
    node = WiredNode.start(Clock.systemUTC(), "http://127.0.0.1:9", Duration.ofDays(3), Duration.ofDays(7),
        ProxyConfig.builder().port(0).host("127.0.0.1").build());
    vertx = Vertx.vertx();
    // a connection per request: with this client's pooled connections a request now and then
    // got no answer (never with a raw kept-alive socket, which the test below also drives)
    browser = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
  }

  @AfterAll
  static void stop() throws Exception {
    if (vertx != null) vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    if (node != null) node.close();
  }

  @Test
  void anOwnersOneTimeLinkOpensTheIdeOnceAndNobodyElseGetsOne() throws Exception {
    String[] owner = node.signUp();
    String[] stranger = node.signUp();
    String serverId = runningDevServer(owner[1]);
    int devHostPort = node.proxy.devHostPort();
    assertThat(devHostPort).isPositive();

    HttpResponse<String> refused = node.send(stranger[1], "POST", "/api/dev/" + serverId + "/ide-token", null);
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(404);

    HttpResponse<String> issued = node.send(owner[1], "POST", "/api/dev/" + serverId + "/ide-token", null);
    assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
    URI link = URI.create(new JsonObject(issued.body()).getString("url"));
    assertThat(link.getPort()).as("the link names the port the proxy got").isEqualTo(devHostPort);

    String path = link.getRawPath() + "?" + link.getRawQuery();
    Answer exchanged = get(link, path, null);
    assertThat(exchanged.status).as(exchanged.body).isEqualTo(302);
    assertThat(exchanged.setCookie).isNotNull();
    String cookie = exchanged.setCookie.split(";", 2)[0];

    Answer ide = get(link, "/", cookie);
    assertThat(ide.status).as(ide.body).isEqualTo(200);
    assertThat(ide.body).contains("code-server stand-in", "npm install -g code-server@4.100.3");

    Answer replayed = get(link, path, null);
    assertThat(replayed.status).as("a used link").isEqualTo(401);
    assertThat(replayed.setCookie).isNull();
    // a browser keeps its connection: refusals must leave it usable for the next request
    try (Socket socket = new Socket("127.0.0.1", devHostPort)) {
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      BufferedInputStream in = new BufferedInputStream(socket.getInputStream());
      String host = link.getHost() + ":" + devHostPort;
      for (int k = 0; k < 100; k++) {
        for (String p : new String[] {path, "/"}) {
          out.write(("GET " + p + " HTTP/1.1\r\nHost: " + host + "\r\nAccept: application/json\r\n\r\n").getBytes());
          out.flush();
          String head = rawHead(in);
          assertThat(head).as("raw round " + k + " " + p).startsWith("HTTP/1.1 401");
        }
      }
    }
    Answer noCookie = get(link, "/", null);
    assertThat(noCookie.status).isEqualTo(401);
    assertThat(noCookie.body).doesNotContain("code-server stand-in");
  }

  /** Reads one response's head and skips its body (Content-Length). */
  private static String rawHead(BufferedInputStream in) throws Exception {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) throw new AssertionError("closed after " + head);
      head.append((char) b);
    }
    Matcher m = Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
    if (m.find()) in.readNBytes(Integer.parseInt(m.group(1)));
    return head.toString();
  }

  private String runningDevServer(String token) throws Exception {
    JsonObject dev = new JsonObject().put("type", "dev").put("name", "ide-lab").put("runtime", "node").put("version", "20")
        .put("codeServer", true);
    HttpResponse<String> created = node.send(token, "POST", "/api/instances", dev);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
    JsonObject accepted = new JsonObject(created.body());
    String operationId = accepted.getString("operationId");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      HttpResponse<String> op = node.send(token, "GET", "/api/operations/" + operationId, null);
      String status = new JsonObject(op.body()).getString("status");
      assertThat(status).as(op.body()).isNotEqualTo("failed");
      if ("succeeded".equals(status)) break;
      assertThat(System.nanoTime()).as("operation " + operationId + " still " + status).isLessThan(deadline);
      Thread.sleep(50);
    }
    String serverId = accepted.getString("serverId");
    while (node.servers.serverPorts().routeTable().current().byServerId(serverId).map(r -> !r.running()).orElse(true)) {
      assertThat(System.nanoTime()).as("route of " + serverId).isLessThan(deadline);
      Thread.sleep(50);
    }
    return serverId;
  }

  /** A browser's request for {@code path} on the link's host, sent to the dev-host proxy on loopback. */
  private static Answer get(URI link, String path, String cookie) throws Exception {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET)
        .setServer(SocketAddress.inetSocketAddress(link.getPort(), "127.0.0.1"))
        .setHost(link.getHost()).setPort(link.getPort()).setURI(path);
    if (cookie != null) options.putHeader("Cookie", cookie);
    return browser.request(options)
        .compose(request -> request.send())
        .compose(response -> response.body().map(body -> new Answer(response, body.toString())))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static final class Answer {
    final int status;
    final String setCookie;
    final String body;

    Answer(HttpClientResponse response, String body) {
      this.status = response.statusCode();
      this.setCookie = response.getHeader("Set-Cookie");
      this.body = body;
    }
  }
}
