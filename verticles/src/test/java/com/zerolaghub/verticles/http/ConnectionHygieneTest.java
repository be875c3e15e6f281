package com.zerolaghub.verticles.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.events.testing.TestPostgres;
import com.zerolaghub.verticles.config.PlatformConfig;
import com.zerolaghub.verticles.node.Capability;
import com.zerolaghub.verticles.node.PlatformContext;
import com.zerolaghub.verticles.testing.TestNode;
import com.zerolaghub.verticles.testing.TestOperations;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Raw-socket requests no well-behaved client sends: ambiguous framing, duplicate Host, heads
 * too long or never finished, idle keep-alive connections. Each is refused as a problem
 * document or closed in time, and a WebSocket is not cut for being quiet.
 */
@DisplayName("Requests the HTTP layer cannot trust are refused as problem documents, and slow or idle connections closed")
class ConnectionHygieneTest {
  private static final long HEADER_TIMEOUT_MS = 1_000;
  private static final long IDLE_TIMEOUT_MS = 1_500;
  private static TestNode node;

  @BeforeAll
  static void start() throws Exception {
    TestPostgres.Database db = TestPostgres.freshDatabase();
    PlatformConfig base = TestNode.config(db, db.port());
    node = TestNode.start(base.with(c -> c.http(h -> h.headerTimeoutMs(HEADER_TIMEOUT_MS).idleTimeoutMs(IDLE_TIMEOUT_MS))), db,
        new TestOperations(), new EchoSocket());
  }

  @AfterAll
  static void stop() throws Exception {
    if (node != null) node.close();
  }

  private static int port() {
    return node.platform.httpPort();
  }

  @Test
  void contentLengthWithChunkedTransferEncodingIsRefusedAndTheConnectionClosed() throws Exception {
    try (RawHttp c = new RawHttp(port())) {
      // Framed by Content-Length, the body is "0\r\n\r\nGET /health/live…"; framed as chunked, a second request follows.
      String smuggled = "GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n";
      c.send("POST /api/test/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + (5 + smuggled.length()) + "\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + smuggled);
      RawHttp.Response r = c.read();
      assertThat(r.status()).isEqualTo(400);
      assertThat(RawHttp.problemsIn(r)).isEmpty();
      assertThat(new JsonObject(r.body()).getString("type")).isEqualTo(ProblemType.BASE_URI + "malformed-request");
      assertThat(c.closedWithin(2_000)).as("closed after the refusal, the smuggled request unanswered").isNotNegative();
    }
  }

  @Test
  void contentLengthWithAnotherTransferEncodingIsRefusedAndTheConnectionClosed() throws Exception {
    try (RawHttp c = new RawHttp(port())) {
      c.send("POST /api/test/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          + "Content-Length: 2\r\nTransfer-Encoding: identity\r\n\r\n{}");
      RawHttp.Response r = c.read();
      assertThat(r.status()).isEqualTo(400);
      assertThat(RawHttp.problemsIn(r)).isEmpty();
      assertThat(c.closedWithin(2_000)).isNotNegative();
    }
  }

  @Test
  void bodyOfARefusedRequestIsDroppedAndTheConnectionServesTheNextRequest() throws Exception {
    try (RawHttp c = new RawHttp(port())) {
      for (String[] refused : new String[][] {{"text/plain", "x".repeat(60_000), "415"}, {"application/json",
          "{\"name\":\"" + "x".repeat(1024 * 1024) + "\"}", "413"}}) {
        c.send("POST /api/test/echo HTTP/1.1\r\nHost: x\r\nContent-Type: " + refused[0] + "\r\nContent-Length: "
            + refused[1].length() + "\r\n\r\n" + refused[1]);
        RawHttp.Response r = c.read();
        assertThat(r.status()).isEqualTo(Integer.parseInt(refused[2]));
        assertThat(RawHttp.problemsIn(r)).isEmpty();
        c.send("GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(c.read().status()).as("the next request on the same connection").isEqualTo(200);
      }
    }
  }

  @Test
  void duplicateHostIsRefused() throws Exception {
    try (RawHttp c = new RawHttp(port())) {
      c.send("GET /health/live HTTP/1.1\r\nHost: a.example\r\nHost: b.example\r\n\r\n");
      RawHttp.Response r = c.read();
      assertThat(r.status()).isEqualTo(400);
      assertThat(RawHttp.problemsIn(r)).isEmpty();
      assertThat(c.closedWithin(2_000)).isNotNegative();
    }
  }

  @Test
  void nulInAHeaderIsRefused() throws Exception {
    try (RawHttp c = new RawHttp(port())) {
      c.send("GET /health/live HTTP/1.1\r\nHost: x\r\nX-Note: a\u0000b\r\n\r\n");
      RawHttp.Response r = c.read();
      assertThat(r.status()).isEqualTo(400);
      assertThat(RawHttp.problemsIn(r)).isEmpty();
    }
  }

  @Test
  void overlongUriIsAProblemDocument() throws Exception {
    try (RawHttp c = new RawHttp(port())) {
      c.send("GET /health/live?q=" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
      RawHttp.Response r = c.read();
      assertThat(r.status()).isEqualTo(414);
      assertThat(RawHttp.problemsIn(r)).isEmpty();
      assertThat(r.body()).doesNotContain("aaaa");
    }
  }

  @Test
  void oversizedHeadersAreAProblemDocument() throws Exception {
    try (RawHttp c = new RawHttp(port())) {
      c.send("GET /health/live HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n");
      RawHttp.Response r = c.read();
      assertThat(r.status()).isEqualTo(431);
      assertThat(RawHttp.problemsIn(r)).isEmpty();
    }
  }

  @Test
  void malformedRequestLineIsAProblemDocument() throws Exception {
    try (RawHttp c = new RawHttp(port())) {
      c.send("THIS IS-NOT-HTTP\r\nHost: x\r\n\r\n");
      RawHttp.Response r = c.read();
      assertThat(r.status()).isEqualTo(400);
      assertThat(RawHttp.problemsIn(r)).isEmpty();
    }
  }

  @Test
  void halfSentHeaderIsClosedWithinTheHeaderTimeout() throws Exception {
    try (RawHttp c = new RawHttp(port())) {
      long start = System.nanoTime();
      // A byte every 100 ms never lets the connection go idle, but the head never completes.
      int sent = c.trickle("GET /health/live HTTP/1.1\r\nHost: x\r\nX-Slow: " + "s".repeat(100), 100);
      long closedAfter = c.closedWithin(5_000);
      long elapsedMs = (System.nanoTime() - start) / 1_000_000;
      assertThat(closedAfter).as("closed at all").isNotNegative();
      assertThat(elapsedMs).as("closed within the header timeout (plus scheduling slack), after %d bytes", sent)
          .isBetween(HEADER_TIMEOUT_MS - 100, HEADER_TIMEOUT_MS + 1_000);
    }
  }

  @Test
  void silentConnectionIsClosedWithinTheHeaderTimeout() throws Exception {
    try (RawHttp c = new RawHttp(port())) {
      assertThat(c.closedWithin(HEADER_TIMEOUT_MS + 1_000)).isBetween(HEADER_TIMEOUT_MS - 100, HEADER_TIMEOUT_MS + 1_000);
    }
  }

  @Test
  void keepAliveConnectionServesRequestsAndIsClosedOnceIdle() throws Exception {
    try (RawHttp c = new RawHttp(port())) {
      for (int i = 0; i < 3; i++) {
        c.send("GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(c.read().status()).isEqualTo(200);
        Thread.sleep(IDLE_TIMEOUT_MS / 2); // pauses shorter than the idle timeout keep it open
      }
      long closedAfter = c.closedWithin(IDLE_TIMEOUT_MS + 2_000);
      assertThat(closedAfter).as("closed once idle").isBetween(IDLE_TIMEOUT_MS / 2 - 200, IDLE_TIMEOUT_MS + 1_000);
    }
  }

  @Test
  void slowRequestIsNotCutByTheIdleTimeout() throws Exception {
    try (RawHttp c = new RawHttp(port())) {
      c.send("GET /api/test/slow?ms=" + (IDLE_TIMEOUT_MS + 1_000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(c.read().status()).isEqualTo(200);
    }
  }

  @Test
  void quietWebSocketOutlivesTheHeaderAndIdleTimeouts() throws Exception {
    LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
    WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
        .buildAsync(URI.create("ws://127.0.0.1:" + port() + EchoSocket.PATH), new WebSocket.Listener() {
          @Override
          public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            received.add(data.toString());
            socket.request(1);
            return CompletableFuture.completedFuture(null);
          }
        }).get(5, TimeUnit.SECONDS);
    try {
      Thread.sleep(HEADER_TIMEOUT_MS + IDLE_TIMEOUT_MS + 500);
      ws.sendText("still there?", true).get(5, TimeUnit.SECONDS);
      assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("still there?");
    } finally {
      ws.abort();
    }
  }

  /** A WebSocket echo, placed like the platform's own sockets: before the body handler. */
  static final class EchoSocket implements Capability {
    static final String PATH = "/api/test/echo-socket";

    @Override
    public String name() {
      return "echo-socket";
    }

    @Override
    public Future<Void> start(PlatformContext ctx, ApiRoutes api) {
      api.routes(router -> router.get(PATH).order(-1000).handler(rc ->
          rc.request().toWebSocket().onSuccess(ws -> ws.textMessageHandler(ws::writeTextMessage))));
      return Future.succeededFuture();
    }
  }
}
