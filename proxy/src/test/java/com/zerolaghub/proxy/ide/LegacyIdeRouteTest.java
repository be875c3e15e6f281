package com.zerolaghub.proxy.ide;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.proxy.ProxyMetrics;
import com.zerolaghub.proxy.SessionCredentials;
import com.zerolaghub.proxy.routing.DevRoute;
import com.zerolaghub.proxy.testing.Await;
import com.zerolaghub.proxy.testing.EchoBackend;
import com.zerolaghub.proxy.testing.InMemorySessions;
import com.zerolaghub.proxy.testing.MutableRoutes;
import com.zerolaghub.proxy.testing.ProxyClient;
import com.zerolaghub.proxy.testing.ProxyClient.Answer;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LegacyIdeRouteTest {
  private static final String API_HOST = "panel.test";

  private static Vertx vertx;
  private static EchoBackend backend;
  private static CodeServerForwarder forwarder;
  private static HttpServer api;
  private static ProxyClient browser;
  private static InMemorySessions sessions;
  private static String alice;
  private static String bob;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    backend = new EchoBackend(vertx);
    int codeServerPort = Await.result(backend.start("127.0.0.1", 0));
    MutableRoutes routes = new MutableRoutes()
        .put(new DevRoute("srv-101", 101, "user-alice", "127.0.0.1", true, true))
        .put(new DevRoute("srv-102", 102, "user-bob", "127.0.0.1", true, true))
        .put(new DevRoute("srv-103", 103, "user-alice", "127.0.0.1", true, false));
    sessions = new InMemorySessions();
    alice = sessions.login("user-alice");
    bob = sessions.login("user-bob");
    forwarder = new CodeServerForwarder(vertx,
        UpstreamOptions.defaults().withCodeServerPort(codeServerPort).withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(2)),
        ProxyMetrics.unregistered());
    Router router = Router.router(vertx);
    new LegacyIdeRoute(routes, new SessionCredentials(sessions, Clock.systemUTC()), forwarder).mountOn(router);
    api = Await.result(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
    browser = new ProxyClient(vertx, api.actualPort());
  }

  @AfterAll
  static void stop() {
    browser.close();
    Await.result(forwarder.close());
    Await.result(vertx.close());
  }

  @Test
  void theOwnerIsForwardedToThatServerWithThePrefixStripped() {
    Answer answer = Await.result(browser.get(API_HOST, "/__ide/srv-101/static/out/main.js?v=1.2",
        session(alice).add("Cookie", "vscode-tkn=1")));

    assertThat(answer.status()).isEqualTo(200);
    JsonObject seen = answer.json();
    assertThat(seen.getString("uri")).isEqualTo("/static/out/main.js?v=1.2");
    assertThat(seen.getJsonObject("headers").getJsonArray("host").getString(0)).isEqualTo(API_HOST + ":" + browser.port());
    assertThat(seen.getJsonObject("headers").getJsonArray("cookie").getString(0)).isEqualTo("vscode-tkn=1");
  }

  @Test
  void theBarePathRedirectsToTheFolder() {
    Answer answer = Await.result(browser.get(API_HOST, "/__ide/srv-101?folder=/home", session(alice)));

    assertThat(answer.status()).isEqualTo(302);
    assertThat(answer.header("Location")).isEqualTo("/__ide/srv-101/?folder=/home");
  }

  @Test
  void aNonOwnerAndAnUnknownServerGet404AndNoSessionGets401() {
    int before = backend.seen().size();

    assertThat(Await.result(browser.get(API_HOST, "/__ide/srv-101/", session(bob))).status()).isEqualTo(404);
    assertThat(Await.result(browser.get(API_HOST, "/__ide/srv-999/", session(alice))).status()).isEqualTo(404);
    assertThat(Await.result(browser.get(API_HOST, "/__ide/srv-101/", MultiMap.caseInsensitiveMultiMap())).status()).isEqualTo(401);
    assertThat(backend.seen()).hasSize(before);
  }

  @Test
  void thePathCannotClimbToAnotherServer() {
    int before = backend.seen().size();

    Answer answer = Await.result(browser.get(API_HOST, "/__ide/srv-101/../srv-102/", session(alice)));

    assertThat(answer.status()).isEqualTo(404); // normalized to bob's srv-102
    assertThat(backend.seen()).hasSize(before);
  }

  @Test
  void aStoppedServerAnswers502() {
    assertThat(Await.result(browser.get(API_HOST, "/__ide/srv-103/", session(alice))).status()).isEqualTo(502);
  }

  @Test
  void aWebSocketGoesThroughTheLegacyPath() {
    WebSocket ws = Await.result(browser.webSocket(API_HOST, "/__ide/srv-101/stable-abc?reconnectionToken=x", session(alice)));
    CompletableFuture<String> echoed = new CompletableFuture<>();
    ws.textMessageHandler(echoed::complete);
    ws.writeTextMessage("ping");

    assertThat(echoed.orTimeout(5, TimeUnit.SECONDS).join()).isEqualTo("echo:ping");
    assertThat(backend.last().getString("uri")).isEqualTo("/stable-abc?reconnectionToken=x");
    Await.result(ws.close());
  }

  private static MultiMap session(String token) {
    return MultiMap.caseInsensitiveMultiMap().add("Cookie", "zlh_session=" + token);
  }
}
