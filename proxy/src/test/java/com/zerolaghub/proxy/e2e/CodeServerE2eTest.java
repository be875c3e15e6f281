package com.zerolaghub.proxy.e2e;

import com.zerolaghub.proxy.testing.TestGrantKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zerolaghub.core.accounts.Principal;
import com.zerolaghub.events.accounts.Role;
import com.zerolaghub.events.testing.TestRedis;
import com.zerolaghub.proxy.ProxyMetrics;
import com.zerolaghub.proxy.ProxyServer;
import com.zerolaghub.proxy.impl.ide.CodeServerForwarder;
import com.zerolaghub.proxy.impl.ide.DevHostProxy;
import com.zerolaghub.proxy.ide.IdeLink;
import com.zerolaghub.proxy.ide.IdeOptions;
import com.zerolaghub.proxy.impl.ide.IdeTokenIssuer;
import com.zerolaghub.proxy.impl.ide.RedisIdeGrants;
import com.zerolaghub.proxy.ide.UpstreamOptions;
import com.zerolaghub.proxy.routing.DevRoute;
import com.zerolaghub.proxy.testing.Await;
import com.zerolaghub.proxy.testing.MutableRoutes;
import com.zerolaghub.proxy.testing.ProxyClient;
import com.zerolaghub.proxy.testing.ProxyClient.Answer;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.redis.client.Redis;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hosted IDE against a real code-server ({@code proxy/e2e/code-server-e2e.sh} installs and
 * starts one). Runs only with {@code -Dzlh.e2e.codeServer=http://127.0.0.1:6000}: registers that
 * code-server as dev server vmid 100 and serves the proxy on {@code dev-100.localhost:<port>}.
 */
class CodeServerE2eTest {
  private static final String PROPERTY = "zlh.e2e.codeServer";
  private static final int VMID = 100;
  private static final Principal OWNER = new Principal("user-e2e", Role.CUSTOMER, "s-e2e");

  private static Vertx vertx;
  private static Redis redis;
  private static CodeServerForwarder forwarder;
  private static ProxyServer server;
  private static ProxyClient browser;
  private static IdeTokenIssuer issuer;
  private static MutableRoutes routes;
  private static String host;
  private static String origin;

  @BeforeAll
  static void start() {
    String codeServer = System.getProperty(PROPERTY, "");
    if (codeServer.isBlank()) {
      return; // each test is skipped (see onlyWithACodeServer)
    }
    URI target = URI.create(codeServer);
    vertx = Vertx.vertx();
    redis = Redis.createClient(vertx, TestRedis.uri());
    RedisIdeGrants grants = new RedisIdeGrants(redis, TestGrantKey.BYTES);
    routes = new MutableRoutes().put(new DevRoute("srv-e2e", VMID, OWNER.userId(), target.getHost(), true, true));
    forwarder = new CodeServerForwarder(vertx, UpstreamOptions.defaults().withCodeServerPort(target.getPort()), ProxyMetrics.unregistered());
    IdeOptions options = IdeOptions.defaults("localhost");
    server = new ProxyServer(vertx, new DevHostProxy(routes, grants, forwarder, options, sessionId -> true));
    int port = Await.result(server.start(0));
    browser = new ProxyClient(vertx, port);
    issuer = new IdeTokenIssuer(grants, options.withPublicOrigin("http", port), Clock.systemUTC());
    host = "dev-" + VMID + ".localhost";
    origin = "http://" + host + ":" + port;
    say("proxy on " + origin + " → code-server " + codeServer);
  }

  @BeforeEach
  void onlyWithACodeServer() {
    assumeTrue(vertx != null, "set -D" + PROPERTY + "=http://127.0.0.1:6000 (see proxy/e2e/code-server-e2e.sh)");
  }

  @AfterAll
  static void stop() {
    if (vertx != null) {
      browser.close();
      Await.result(server.stop());
      Await.result(forwarder.close());
      Await.result(vertx.close());
    }
  }

  @Test
  void withoutTheIdeCookieNothingReachesCodeServer() {
    Answer page = Await.result(browser.get(host, "/", MultiMap.caseInsensitiveMultiMap()));
    Throwable upgrade = Await.failure(browser.webSocket(host, socketUri(), MultiMap.caseInsensitiveMultiMap()));

    say("no cookie: GET / → " + page.status() + " " + page.body() + "; upgrade → " + upgrade.getMessage());
    assertThat(page.status()).isEqualTo(401);
    assertThat(page.json().getString("code")).isEqualTo("ide_login_required"); // our answer, not code-server's
    assertThat(upgrade).hasMessageContaining("401");
  }

  @Test
  void theWorkbenchLoadsThroughTheProxy() {
    MultiMap cookie = ideCookie();

    Answer page = follow("/", cookie);

    String html = page.body().toString();
    say("workbench: " + page.status() + ", " + html.length() + " bytes, markers vscode="
        + html.contains("vscode") + " workbench.js=" + html.contains("workbench/workbench.js"));
    assertThat(page.status()).isEqualTo(200);
    assertThat(html).contains("vscode", "workbench/workbench.js", "workbench-web-configuration");
    Answer script = Await.result(browser.get(host, assetPath(html, "workbench/workbench.js"), cookie));
    say("workbench.js: " + script.status() + ", " + script.body().length() + " bytes");
    assertThat(script.status()).isEqualTo(200);
    assertThat(script.body().length()).isGreaterThan(100_000);
  }

  @Test
  void theWorkbenchWebSocketUpgradesWithTheRightOrigin() {
    MultiMap headers = ideCookie().add("Origin", origin);

    WebSocket socket = Await.result(browser.webSocket(host, socketUri(), headers));

    say("upgrade with Origin " + origin + " → 101, open=" + !socket.isClosed());
    assertThat(socket.isClosed()).isFalse();
    socket.close(); // code-server's own framing does not answer a bare close frame; not awaited
  }

  /** The same upgrade as Firefox sends it ({@code Connection: keep-alive, Upgrade}). */
  @Test
  void firefoxKeepAliveUpgradeIsProxiedToCodeServer() {
    MultiMap headers = ideCookie()
        .add("Origin", origin)
        .add("Connection", "keep-alive, Upgrade")
        .add("Upgrade", "websocket")
        .add("Sec-WebSocket-Version", "13")
        .add("Sec-WebSocket-Key", "xy6UoM3l3TcREmAeAhZuYQ==");

    try (ProxyClient firefox = new ProxyClient(vertx, browser.port())) {
      ProxyClient.Upgrade answer = Await.result(firefox.upgrade(host, socketUri(), headers));
      say("Firefox-style upgrade → " + answer.status());
      assertThat(answer.status()).isEqualTo(101);
      Await.result(answer.socket().close());
    }
  }

  @Test
  void aForeignOriginIsRefusedByCodeServerItself() {
    MultiMap headers = ideCookie().add("Origin", "https://evil.example");

    Throwable refused = Await.failure(browser.webSocket(host, socketUri(), headers));

    say("upgrade with Origin https://evil.example → " + refused.getMessage());
    assertThat(refused).hasMessageContaining("403");
  }

  /** Follows code-server's relative redirects (e.g. {@code / → ./?folder=…}) up to 5 times. */
  private static Answer follow(String uri, MultiMap headers) {
    String next = uri;
    for (int hop = 0; hop < 5; hop++) {
      Answer answer = Await.result(browser.get(host, next, headers), Duration.ofSeconds(30));
      if (answer.status() / 100 != 3) {
        return answer;
      }
      URI location = URI.create("http://" + host + next).resolve(answer.header("Location"));
      next = location.getRawPath() + (location.getRawQuery() == null ? "" : "?" + location.getRawQuery());
      say("redirect → " + next);
    }
    throw new AssertionError("too many redirects from " + uri);
  }

  private static MultiMap ideCookie() {
    IdeLink link = Await.result(issuer.issue(routes.byVmid(VMID).orElseThrow(), OWNER));
    String token = link.url().substring(link.url().indexOf("zlh_ide_token=") + "zlh_ide_token=".length());
    Answer exchange = Await.result(browser.get(host, "/?zlh_ide_token=" + token, MultiMap.caseInsensitiveMultiMap()));
    assertThat(exchange.status()).isEqualTo(302);
    String setCookie = exchange.header("Set-Cookie");
    return MultiMap.caseInsensitiveMultiMap().add("Cookie", setCookie.substring(0, setCookie.indexOf(';')));
  }

  /** The workbench's WebSocket endpoint, as its page opens it. */
  private static String socketUri() {
    return "/?reconnectionToken=" + UUID.randomUUID() + "&reconnection=false&skipWebSocketFrames=false";
  }

  /** The absolute path of the page's {@code <script src="…<suffix>">}. */
  private static String assetPath(String html, String suffix) {
    Matcher script = Pattern.compile("src=\"([^\"]*" + Pattern.quote(suffix) + ")\"").matcher(html);
    assertThat(script.find()).as("a script " + suffix + " in the page").isTrue();
    return URI.create("http://" + host + "/").resolve(script.group(1)).getRawPath();
  }

  private static void say(String line) {
    System.out.println("[e2e] " + line);
  }
}
