package com.zerolaghub.proxy.impl.ide;

import com.zerolaghub.proxy.ide.IdeAccessRefused;
import com.zerolaghub.proxy.ide.IdeLink;
import com.zerolaghub.proxy.ide.IdeOptions;
import com.zerolaghub.proxy.ide.UpstreamOptions;
import com.zerolaghub.proxy.testing.TestGrantKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zerolaghub.core.accounts.Principal;
import com.zerolaghub.events.accounts.Role;
import com.zerolaghub.core.accounts.SecretTokens;
import com.zerolaghub.events.testing.TestRedis;
import com.zerolaghub.proxy.ProxyMetrics;
import com.zerolaghub.proxy.ProxyServer;
import com.zerolaghub.proxy.routing.DevRoute;
import com.zerolaghub.proxy.testing.Await;
import com.zerolaghub.proxy.testing.EchoBackend;
import com.zerolaghub.proxy.testing.MutableRoutes;
import com.zerolaghub.proxy.testing.ProxyClient;
import com.zerolaghub.proxy.testing.ProxyClient.Answer;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DevHostProxyTest {
  private static final String DOMAIN = "dev.test";
  private static final Principal ALICE = new Principal("user-alice", Role.CUSTOMER, "s-a");
  private static final Principal BOB = new Principal("user-bob", Role.CUSTOMER, "s-b");
  private static final Principal ADMIN = new Principal("user-admin", Role.ADMIN, "s-x");
  /** Platform sessions that ended (logout, reset): their IDE grants must stop working. */
  private static final Set<String> signedOut = ConcurrentHashMap.newKeySet();

  private static Vertx vertx;
  private static EchoBackend backend;
  private static NetServer silent;
  private static MutableRoutes routes;
  private static Redis redis;
  private static ProxyMetrics metrics;
  private static CodeServerForwarder forwarder;
  private static ProxyServer server;
  private static int port;
  private static int backendPort;
  private static ProxyClient browser;
  private static IdeTokenIssuer issuer;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    backend = new EchoBackend(vertx);
    int codeServerPort = Await.result(backend.start("127.0.0.1", 0));
    backendPort = codeServerPort;
    // accepts connections and never answers: a hung code-server
    silent = Await.result(vertx.createNetServer().connectHandler(socket -> {}).listen(codeServerPort, "127.0.0.4"));
    routes = new MutableRoutes()
        .put(new DevRoute("srv-101", 101, ALICE.userId(), "127.0.0.1", true, true))
        .put(new DevRoute("srv-102", 102, BOB.userId(), "127.0.0.1", true, true))
        .put(new DevRoute("srv-103", 103, ALICE.userId(), "127.0.0.3", true, true))  // nothing listens
        .put(new DevRoute("srv-104", 104, ALICE.userId(), "127.0.0.4", true, true))  // silent
        .put(new DevRoute("srv-106", 106, ALICE.userId(), "127.0.0.1", true, true));
    redis = Redis.createClient(vertx, TestRedis.uri());
    RedisIdeGrants grants = new RedisIdeGrants(redis, TestGrantKey.BYTES);
    metrics = ProxyMetrics.unregistered();
    forwarder = new CodeServerForwarder(vertx,
        UpstreamOptions.defaults().withCodeServerPort(codeServerPort).withTimeouts(Duration.ofMillis(500), Duration.ofMillis(700)),
        metrics);
    IdeOptions options = IdeOptions.defaults(DOMAIN);
    DevHostProxy devHosts = new DevHostProxy(routes, grants, forwarder, options, id -> !signedOut.contains(id));
    server = new ProxyServer(vertx, devHosts);
    port = Await.result(server.start(0));
    browser = new ProxyClient(vertx, port);
    issuer = new IdeTokenIssuer(grants, options.withPublicOrigin("http", port), Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    browser.close();
    Await.result(server.stop());
    Await.result(forwarder.close());
    Await.result(vertx.close());
  }

  @Test
  void forwardsKeepingTheHostWithItsPortAndAddsForwardedHeaders() {
    String cookie = openIde(101, ALICE);

    Answer answer = Await.result(browser.get(host(101), "/some/path?x=1", headers().add("Cookie", cookie)));

    assertThat(answer.status()).isEqualTo(200);
    JsonObject seen = answer.json();
    assertThat(seen.getString("uri")).isEqualTo("/some/path?x=1");
    assertThat(header(seen, "host")).isEqualTo(host(101) + ":" + port);
    assertThat(header(seen, "x-forwarded-host")).isEqualTo(host(101) + ":" + port);
    assertThat(header(seen, "x-forwarded-proto")).isEqualTo("http");
    assertThat(header(seen, "x-forwarded-for")).isEqualTo("127.0.0.1");
  }

  @Test
  void overTlsTheIdeCookieIsHostPrefixedAndThePlainNameIsNotRead() {
    String token = tokenOf(Await.result(issuer.issue(route(101), ALICE)));
    Answer exchanged = Await.result(browser.get(host(101), "/?zlh_ide_token=" + token,
        headers().add("X-Forwarded-Proto", "https")));
    String setCookie = exchanged.header("Set-Cookie");
    assertThat(setCookie).startsWith("__Host-zlh_ide_session=").contains("Secure", "Path=/").doesNotContain("Domain");
    String value = setCookie.split(";", 2)[0].substring("__Host-zlh_ide_session=".length());

    MultiMap tls = headers().add("X-Forwarded-Proto", "https");
    assertThat(Await.result(browser.get(host(101), "/", tls.add("Cookie", "__Host-zlh_ide_session=" + value))).status())
        .isEqualTo(200);
    // what a sibling dev host could plant for the whole domain is not read over TLS
    assertThat(Await.result(browser.get(host(101), "/", headers().add("X-Forwarded-Proto", "https")
        .add("Cookie", "zlh_ide_session=" + value))).status()).isEqualTo(401);
  }

  @Test
  void anIdeCookieStopsWorkingWhenItsPlatformSessionEnds() {
    Principal carol = new Principal("user-alice", Role.CUSTOMER, "s-carol-laptop");
    String cookie = openIde(101, carol);
    String unusedToken = tokenOf(Await.result(issuer.issue(route(101), carol)));
    assertThat(Await.result(browser.get(host(101), "/", headers().add("Cookie", cookie))).status()).isEqualTo(200);

    signedOut.add(carol.sessionId()); // logout

    Answer afterLogout = Await.result(browser.get(host(101), "/", headers().add("Cookie", cookie)));
    assertThat(afterLogout.status()).isEqualTo(401);
    assertThat(afterLogout.json().getString("code")).isEqualTo("ide_login_required");
    Answer linkAfterLogout = Await.result(browser.get(host(101), "/?zlh_ide_token=" + unusedToken, headers()));
    assertThat(linkAfterLogout.status()).isEqualTo(401);
    // the same owner's other session is untouched
    assertThat(Await.result(browser.get(host(101), "/", headers().add("Cookie", openIde(101, ALICE)))).status()).isEqualTo(200);
  }

  @Test
  void stripsPlatformCookiesAndAuthorizationBeforeForwarding() {
    String cookie = openIde(101, ALICE);
    MultiMap sent = headers()
        .add("Cookie", "theme=dark; zlh_session=s3cret; " + cookie + "; zlh_csrf=c; zlh_ide_other=o; vscode-tkn=abc")
        .add("Authorization", "Bearer platform-token")
        .add("X-Forwarded-For", "6.6.6.6");

    Answer answer = Await.result(browser.get(host(101), "/", sent));

    assertThat(answer.status()).isEqualTo(200);
    JsonObject seen = answer.json();
    assertThat(header(seen, "cookie")).isEqualTo("theme=dark; vscode-tkn=abc");
    assertThat(seen.getJsonObject("headers").containsKey("authorization")).isFalse();
    assertThat(header(seen, "x-forwarded-for")).isEqualTo("127.0.0.1"); // not trusted: replaced
  }

  @Test
  void tokenExchangeSetsAHostOnlyCookieAndRedirectsToTheCleanUrl() {
    String token = tokenOf(Await.result(issuer.issue(route(101), ALICE)));

    Answer answer = Await.result(browser.get(host(101), "/?folder=%2Fhome&zlh_ide_token=" + token + "&x=1", headers()));

    assertThat(answer.status()).isEqualTo(302);
    assertThat(answer.header("Location")).isEqualTo("/?folder=%2Fhome&x=1");
    String setCookie = answer.header("Set-Cookie");
    assertThat(setCookie).startsWith("zlh_ide_session=").containsIgnoringCase("HttpOnly")
        .contains("SameSite=Lax", "Path=/", "Max-Age=43200");
    assertThat(setCookie).doesNotContain("Domain", "Secure", token);
    assertThat(backend.seen()).noneMatch(r -> r.getString("uri").contains("zlh_ide_token"));
  }

  @Test
  void cookieIsSecureWhenTheClientCameOverHttps() {
    String token = tokenOf(Await.result(issuer.issue(route(101), ALICE)));

    Answer answer = Await.result(browser.get(host(101), "/?zlh_ide_token=" + token, headers().add("X-Forwarded-Proto", "https")));

    assertThat(answer.status()).isEqualTo(302);
    assertThat(answer.header("Set-Cookie")).contains("Secure");
  }

  @Test
  void aReusedTokenIsRefused() {
    String token = tokenOf(Await.result(issuer.issue(route(101), ALICE)));
    assertThat(Await.result(browser.get(host(101), "/?zlh_ide_token=" + token, headers())).status()).isEqualTo(302);

    Answer again = Await.result(browser.get(host(101), "/?zlh_ide_token=" + token, headers()));

    assertThat(again.status()).isEqualTo(401);
    assertThat(again.header("Set-Cookie")).isNull();
    assertThat(again.json().getString("code")).isEqualTo("ide_token_invalid");
  }

  @Test
  void anExpiredTokenIsRefused() {
    IdeTokenIssuer shortLived = new IdeTokenIssuer(new RedisIdeGrants(redis, TestGrantKey.BYTES),
        IdeOptions.defaults(DOMAIN).withTokenTtl(Duration.ofMillis(50)), Clock.systemUTC());
    String token = tokenOf(Await.result(shortLived.issue(route(101), ALICE)));
    String key = RedisIdeGrants.TOKEN_PREFIX + SecretTokens.sha256(token);
    Await.until(() -> Await.result(redis.send(Request.cmd(Command.EXISTS).arg(key))).toInteger() == 0,
        Duration.ofSeconds(5), "token expired in Redis");

    Answer answer = Await.result(browser.get(host(101), "/?zlh_ide_token=" + token, headers()));

    assertThat(answer.status()).isEqualTo(401);
  }

  @Test
  void theIssuerRefusesANonOwnerButNotAnAdmin() {
    IdeAccessRefused refused = (IdeAccessRefused) Await.failure(issuer.issue(route(101), BOB));
    assertThat(refused.reason()).isEqualTo(IdeAccessRefused.Reason.NOT_FOUND);
    assertThat(refused.httpStatus()).isEqualTo(404);

    String cookie = openIde(101, ADMIN);
    assertThat(Await.result(browser.get(host(101), "/", headers().add("Cookie", cookie))).status()).isEqualTo(200);
  }

  @Test
  void theIssuerRefusesAServerWithoutCodeServerOrNotRunning() {
    DevRoute game = new DevRoute("srv-g", 150, ALICE.userId(), "127.0.0.1", false, true);
    DevRoute stopped = new DevRoute("srv-s", 151, ALICE.userId(), "127.0.0.1", true, false);

    assertThat(((IdeAccessRefused) Await.failure(issuer.issue(game, ALICE))).reason())
        .isEqualTo(IdeAccessRefused.Reason.NO_CODE_SERVER);
    assertThat(((IdeAccessRefused) Await.failure(issuer.issue(stopped, ALICE))).reason())
        .isEqualTo(IdeAccessRefused.Reason.NOT_RUNNING);
  }

  @Test
  void aNonOwnersTokenIsRefusedOnAnotherServersHost() {
    String bobsToken = tokenOf(Await.result(issuer.issue(route(102), BOB)));

    Answer answer = Await.result(browser.get(host(101), "/?zlh_ide_token=" + bobsToken, headers()));

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.header("Set-Cookie")).isNull();
  }

  @Test
  void aTokenIsRefusedOnceTheServerChangedHands() {
    DevRoute before = new DevRoute("srv-107", 107, ALICE.userId(), "127.0.0.1", true, true);
    routes.put(before);
    String token = tokenOf(Await.result(issuer.issue(before, ALICE)));
    routes.put(before.withOwner(BOB.userId()));

    assertThat(Await.result(browser.get(host(107), "/?zlh_ide_token=" + token, headers())).status()).isEqualTo(401);
  }

  @Test
  void aCookieForOneDevHostIsRefusedOnAnother() {
    String cookieFor101 = openIde(101, ALICE);
    int before = backend.seen().size();

    Answer onBobs = Await.result(browser.get(host(102), "/", headers().add("Cookie", cookieFor101)));
    Answer onAlicesOther = Await.result(browser.get(host(106), "/", headers().add("Cookie", cookieFor101)));

    assertThat(onBobs.status()).isEqualTo(401);
    assertThat(onAlicesOther.status()).isEqualTo(401);
    assertThat(backend.seen()).hasSize(before);
  }

  @Test
  void nothingIsForwardedWithoutAValidIdeCookie() {
    int before = backend.seen().size();

    Answer none = Await.result(browser.get(host(101), "/", headers().add("Accept", "text/html")));
    Answer forged = Await.result(browser.get(host(101), "/", headers().add("Cookie", "zlh_ide_session=forged")));
    Throwable upgrade = Await.failure(browser.webSocket(host(101), "/ws", headers()));

    assertThat(none.status()).isEqualTo(401);
    assertThat(none.header("Content-Type")).startsWith("text/html");
    assertThat(forged.status()).isEqualTo(401);
    assertThat(upgrade).hasMessageContaining("401");
    assertThat(backend.seen()).hasSize(before);
  }

  @Test
  void anUnknownHostIs404() {
    assertThat(Await.result(browser.get(host(999), "/", headers())).status()).isEqualTo(404);
    assertThat(Await.result(browser.get("example.com", "/", headers())).status()).isEqualTo(404);
    assertThat(Await.result(browser.get("dev-101.other.test", "/", headers())).status()).isEqualTo(404);
  }

  @Test
  void aDownBackendAnswers502Quickly() {
    String cookie = openIde(103, ALICE);
    long started = System.nanoTime();

    Answer answer = Await.result(browser.get(host(103), "/", headers().add("Cookie", cookie)));

    assertThat(answer.status()).isEqualTo(502);
    assertThat(answer.json().getString("code")).isEqualTo("dev_server_unreachable");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void aBrowserOpeningAnIdeThatDoesNotListenYetGetsAPageThatReloadsItself() {
    String cookie = openIde(103, ALICE);

    Answer page = Await.result(browser.get(host(103), "/", headers().add("Cookie", cookie).add("Accept", "text/html")));

    assertThat(page.status()).isEqualTo(503);
    assertThat(page.header("Retry-After")).isEqualTo("2");
    assertThat(page.body().toString()).contains("Your IDE is starting").contains("http-equiv=\"refresh\" content=\"2\"");
  }

  @Test
  void aSilentBackendAnswers504WithinTheResponseTimeout() {
    String cookie = openIde(104, ALICE);
    long started = System.nanoTime();

    Answer http = Await.result(browser.get(host(104), "/", headers().add("Cookie", cookie)));
    Throwable upgrade = Await.failure(browser.webSocket(host(104), "/ws", headers().add("Cookie", cookie)));

    assertThat(http.status()).isEqualTo(504);
    assertThat(upgrade).hasMessageContaining("504");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
  }

  @Test
  void aStoppedServerAnswers502() {
    DevRoute running = new DevRoute("srv-108", 108, ALICE.userId(), "127.0.0.1", true, true);
    routes.put(running);
    String cookie = openIde(108, ALICE);
    routes.put(running.withRunning(false));

    Answer answer = Await.result(browser.get(host(108), "/", headers().add("Cookie", cookie)));

    assertThat(answer.status()).isEqualTo(502);
    assertThat(answer.json().getString("code")).isEqualTo("dev_server_not_running");
  }

  @Test
  void aWebSocketIsProxiedKeepingHostAndOrigin() {
    String cookie = openIde(101, ALICE);
    String origin = "http://" + host(101) + ":" + port;

    WebSocket ws = Await.result(browser.webSocket(host(101), "/ws?reconnect=0",
        headers().add("Cookie", cookie + "; theirs=1").add("Origin", origin)));
    CompletableFuture<String> echoed = new CompletableFuture<>();
    ws.textMessageHandler(echoed::complete);
    ws.writeTextMessage("hello");

    assertThat(echoed.orTimeout(5, TimeUnit.SECONDS).join()).isEqualTo("echo:hello");
    JsonObject seen = backend.last();
    assertThat(seen.getString("uri")).isEqualTo("/ws?reconnect=0");
    assertThat(header(seen, "host")).isEqualTo(host(101) + ":" + port);
    assertThat(header(seen, "origin")).isEqualTo(origin);
    assertThat(header(seen, "cookie")).isEqualTo("theirs=1");
    Await.result(ws.close());
  }

  /** Firefox sends {@code Connection: keep-alive, Upgrade}; the upstream must still get an upgrade. */
  @Test
  void firefoxKeepAliveUpgradeIsProxied() {
    String cookie = openIde(101, ALICE);
    MultiMap firefox = headers()
        .add("Cookie", cookie)
        .add("Origin", "http://" + host(101) + ":" + port)
        .add("Connection", "keep-alive, Upgrade")
        .add("Upgrade", "websocket")
        .add("Sec-WebSocket-Version", "13")
        .add("Sec-WebSocket-Key", "xy6UoM3l3TcREmAeAhZuYQ==");

    try (ProxyClient firefoxClient = new ProxyClient(vertx, port)) { // its upgraded connection stays out of the shared pool
      ProxyClient.Upgrade response = Await.result(firefoxClient.upgrade(host(101), "/ws", firefox));

      assertThat(response.status()).isEqualTo(101);
      assertThat(response.headers().get("Sec-WebSocket-Accept")).isEqualTo("ZRNafII+6Oxdt3XDqyZRkjC3l6E=");
      assertThat(header(backend.last(), "connection")).isEqualToIgnoringCase("upgrade");
      assertThat(header(backend.last(), "host")).isEqualTo(host(101) + ":" + port);
      Await.result(response.socket().close());
    }
  }

  @Test
  void tunnelsLeaveThePooledHttpConnectionsAlone() {
    String cookie = openIde(101, ALICE);
    List<WebSocket> open = new ArrayList<>();
    for (int i = 0; i < UpstreamOptions.DEFAULT_MAX_CONNECTIONS_PER_BACKEND + 8; i++) {
      open.add(Await.result(browser.webSocket(host(101), "/ws", headers().add("Cookie", cookie))));
    }
    try {
      for (int i = 0; i < 20; i++) {
        assertThat(Await.result(browser.get(host(101), "/while-tunnels", headers().add("Cookie", cookie))).status()).isEqualTo(200);
      }
    } finally {
      open.forEach(ws -> Await.result(ws.close()));
    }
  }

  @Test
  void aClosedTunnelGivesItsConnectionBack() {
    CodeServerForwarder twoTunnels = new CodeServerForwarder(vertx, UpstreamOptions.defaults()
        .withCodeServerPort(backendPort).withTimeouts(Duration.ofMillis(300), Duration.ofMillis(700)).withMaxTunnelsPerBackend(2), metrics);
    ProxyServer small = new ProxyServer(vertx, new DevHostProxy(routes, new RedisIdeGrants(redis, TestGrantKey.BYTES), twoTunnels,
        IdeOptions.defaults(DOMAIN), id -> true));
    int smallPort = Await.result(small.start(0));
    try (ProxyClient client = new ProxyClient(vertx, smallPort)) {
      String cookie = openIde(101, ALICE);
      for (int round = 0; round < 3; round++) {
        WebSocket first = Await.result(client.webSocket(host(101), "/ws", headers().add("Cookie", cookie)));
        WebSocket second = Await.result(client.webSocket(host(101), "/ws", headers().add("Cookie", cookie)));
        Await.result(first.close());
        Await.result(second.close());
      }
    } finally {
      Await.result(small.stop());
      Await.result(twoTunnels.close());
    }
  }

  @Test
  void theBackendsOwnRefusalOfAForeignOriginIsRelayed() {
    String cookie = openIde(101, ALICE);

    Throwable refused = Await.failure(browser.webSocket(host(101), "/ws",
        headers().add("Cookie", cookie).add("Origin", "https://evil.example")));

    assertThat(refused).hasMessageContaining("403");
  }

  @Test
  void largeBodiesStreamBothWays() {
    String cookie = openIde(101, ALICE);
    byte[] bytes = new byte[8 * 1024 * 1024];
    new Random(7).nextBytes(bytes);

    Answer answer = Await.result(browser.send(
        browser.options(HttpMethod.POST, host(101), "/echo-body").putHeader("Cookie", cookie), Buffer.buffer(bytes)),
        Duration.ofSeconds(30));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body().getBytes()).isEqualTo(bytes);
  }

  @Test
  void aChunkedUploadAndAHeadRequestKeepTheConnectionsFramingIntact() throws Exception {
    String cookie = openIde(101, ALICE);
    String head = "Host: " + host(101) + ":" + port + "\r\nCookie: " + cookie + "\r\n";
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      var out = socket.getOutputStream();
      var in = socket.getInputStream();

      out.write(("POST /echo-body HTTP/1.1\r\n" + head + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      String upload = readUntil(in, "0\r\n\r\n");
      out.write(("HEAD /head HTTP/1.1\r\n" + head + "\r\n").getBytes(StandardCharsets.US_ASCII));
      String headAnswer = readUntil(in, "\r\n\r\n");
      out.write(("GET /after HTTP/1.1\r\n" + head + "\r\n").getBytes(StandardCharsets.US_ASCII));
      String after = readUntil(in, "}");

      assertThat(upload).startsWith("HTTP/1.1 200").containsIgnoringCase("transfer-encoding: chunked").contains("hello");
      assertThat(headAnswer).startsWith("HTTP/1.1 200").containsIgnoringCase("content-type: application/json");
      // nothing of a HEAD answer's (absent) body, nor of the upload, is left on the connection
      assertThat(after).startsWith("HTTP/1.1 200").contains("\"uri\":\"/after\"");
    }
  }

  /** Reads from {@code in} until what was read ends with {@code end}. */
  private static String readUntil(InputStream in, String end) throws IOException {
    StringBuilder read = new StringBuilder();
    while (!read.toString().endsWith(end)) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("connection closed after: " + read);
      }
      read.append((char) b);
    }
    return read.toString();
  }

  @Test
  void theBackendCannotSetPlatformCookies() {
    String cookie = openIde(101, ALICE);

    Answer answer = Await.result(browser.get(host(101), "/set-cookie", headers().add("Cookie", cookie)));

    assertThat(answer.headers().getAll("Set-Cookie")).containsExactly("theirs=1; Path=/");
  }

  @Test
  void theBackendCannotSetNamelessQuotedCaseShiftedOrDomainCookies() {
    String cookie = openIde(101, ALICE);

    Answer answer = Await.result(browser.get(host(101), "/set-lookalike-cookies", headers().add("Cookie", cookie)));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.headers().getAll("Set-Cookie")).containsExactly("theirs=1; Path=/");
  }

  @Test
  void metricsCountOpenTunnels() {
    String cookie = openIde(101, ALICE);
    WebSocket ws = Await.result(browser.webSocket(host(101), "/ws", headers().add("Cookie", cookie)));
    Await.until(() -> metrics.open(ProxyMetrics.Kind.WEBSOCKET) >= 1, Duration.ofSeconds(5), "tunnel counted");

    Await.result(ws.close());

    Await.until(() -> metrics.open(ProxyMetrics.Kind.WEBSOCKET) == 0, Duration.ofSeconds(5), "tunnel uncounted");
    Await.until(() -> metrics.open(ProxyMetrics.Kind.HTTP) == 0, Duration.ofSeconds(5), "no exchange in flight");
  }

  @Test
  void aTokenParameterIsNeverForwardedEvenWhenInvalid() {
    int before = backend.seen().size();

    assertThatThrownBy(() -> {
      throw Await.failure(browser.webSocket(host(101), "/ws?zlh_ide_token=bogus", headers()));
    }).hasMessageContaining("401");
    assertThat(backend.seen()).hasSize(before);
  }

  /** Issues a link for {@code caller}, follows it once, answers the {@code Cookie} pair set. */
  private static String openIde(int vmid, Principal caller) {
    IdeLink link = Await.result(issuer.issue(route(vmid), caller));
    assertThat(link.url()).startsWith("http://" + host(vmid) + ":" + port + "/?zlh_ide_token=");
    Answer answer = Await.result(browser.get(host(vmid), "/?zlh_ide_token=" + tokenOf(link), headers()));
    assertThat(answer.status()).isEqualTo(302);
    String setCookie = answer.header("Set-Cookie");
    return setCookie.substring(0, setCookie.indexOf(';'));
  }

  private static DevRoute route(int vmid) {
    return routes.byVmid(vmid).orElseThrow();
  }

  private static String tokenOf(IdeLink link) {
    return link.url().substring(link.url().indexOf("zlh_ide_token=") + "zlh_ide_token=".length());
  }

  private static String host(int vmid) {
    return "dev-" + vmid + "." + DOMAIN;
  }

  private static MultiMap headers() {
    return MultiMap.caseInsensitiveMultiMap();
  }

  private static String header(JsonObject seen, String name) {
    var values = seen.getJsonObject("headers").getJsonArray(name);
    assertThat(values).as("header " + name).isNotNull().hasSize(1);
    return values.getString(0);
  }
}
