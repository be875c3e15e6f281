package com.zerolaghub.proxy.impl.ide;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.proxy.testing.Await;
import com.zerolaghub.proxy.testing.EchoBackend;
import com.zerolaghub.proxy.testing.ProxyClient;
import com.zerolaghub.proxy.testing.ProxyClient.Answer;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The retired {@code /__ide/:id/*} route serves nothing from a container: it sends browsers to the hosted IDE. */
class LegacyIdeRouteTest {
  private static final String API_HOST = "panel.test";

  private static Vertx vertx;
  private static EchoBackend backend;
  private static HttpServer api;
  private static ProxyClient browser;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    backend = new EchoBackend(vertx);
    Await.result(backend.start("127.0.0.1", 0));
    Router router = Router.router(vertx);
    new LegacyIdeRoute(id -> "/api/dev/" + id + "/ide").mountOn(router);
    api = Await.result(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
    browser = new ProxyClient(vertx, api.actualPort());
  }

  @AfterAll
  static void stop() {
    browser.close();
    Await.result(vertx.close());
  }

  @Test
  void aPageUnderTheLegacyPathRedirectsToTheHostedIdeLinkAndForwardsNothing() {
    Answer answer = Await.result(browser.get(API_HOST, "/__ide/srv-101/static/out/main.js?v=1.2", session("s")));

    assertThat(answer.status()).isEqualTo(302);
    assertThat(answer.header("Location")).isEqualTo("/api/dev/srv-101/ide");
    assertThat(answer.body().length()).isZero();
    assertThat(backend.seen()).isEmpty();
  }

  @Test
  void theBarePathRedirectsToTheHostedIdeLinkToo() {
    Answer answer = Await.result(browser.get(API_HOST, "/__ide/srv-101?folder=/home", MultiMap.caseInsensitiveMultiMap()));

    assertThat(answer.status()).isEqualTo(302);
    assertThat(answer.header("Location")).isEqualTo("/api/dev/srv-101/ide");
  }

  @Test
  void otherMethodsAndWebSocketsAreGone() {
    Answer post = Await.result(browser.send(browser.options(HttpMethod.POST, API_HOST, "/__ide/srv-101/x")
        .setHeaders(session("s")), Buffer.buffer("{}")));
    ProxyClient.Upgrade upgrade = Await.result(browser.upgrade(API_HOST, "/__ide/srv-101/stable-abc", session("s")
        .add("Connection", "Upgrade").add("Upgrade", "websocket").add("Sec-WebSocket-Version", "13")
        .add("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")));

    assertThat(post.status()).isEqualTo(410);
    assertThat(upgrade.status()).isEqualTo(410);
    assertThat(backend.seen()).isEmpty();
  }

  @Test
  void anIdThatIsNotAServerIdIs404() {
    Answer answer = Await.result(browser.get(API_HOST, "/__ide/a%2F..%2Fb/", session("s")));

    assertThat(answer.status()).isEqualTo(404);
  }

  private static MultiMap session(String token) {
    return MultiMap.caseInsensitiveMultiMap().add("Cookie", "zlh_session=" + token);
  }
}
