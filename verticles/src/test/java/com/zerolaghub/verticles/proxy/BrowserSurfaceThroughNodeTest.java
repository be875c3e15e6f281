package com.zerolaghub.verticles.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.verticles.config.ProxyConfig;
import com.zerolaghub.verticles.testing.WiredNode;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What a browser meets on the platform's origin, on a node wired as {@code zlh run} wires it and
 * published at {@code https://panel.zlh.test} (TLS ends in front of it): cookie WebSockets only
 * from the portal's origins, no container bytes on the API port, security headers on every
 * answer, {@code __Host-} session cookies that a sibling page cannot plant or shadow.
 */
@DisplayName("The browser-facing surface of a whole node")
class BrowserSurfaceThroughNodeTest {
  private static final String PORTAL = "https://panel.zlh.test";
  private static final String ADMIN_PORTAL = "https://admin.zlh.test";
  private static final String SESSION = "__Host-zlh_session";

  private static WiredNode node;
  private static final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  private static String[] owner;
  private static String serverId;

  @BeforeAll
  static void start() throws Exception {
    node = WiredNode.start(Clock.systemUTC(), "http://127.0.0.1:9", Duration.ofDays(3), Duration.ofDays(7),
        ProxyConfig.builder().port(0).host("127.0.0.1").build(),
        config -> config.with(c -> c.http(h -> h.publicUrl(PORTAL).allowedOrigins(ADMIN_PORTAL))));
    owner = node.signUp();
    serverId = runningDevServer(owner[1]);
  }

  @AfterAll
  static void stop() throws Exception {
    if (node != null) node.close();
  }

  // --- item 2: Origin on cookie WebSockets ---

  @Test
  void aSessionCookieFromAForeignOriginOrNoneIsRefusedWith403BeforeTheConsoleOrEventsUpgrade() throws Exception {
    // both cookie names, so that a node reading either would take the request as signed in
    String cookies = "zlh_session=" + owner[1] + "; " + SESSION + "=" + owner[1];
    for (String path : List.of("/api/servers/" + serverId + "/console", "/api/events")) {
      Upgrade foreign = upgrade(path, Map.of("Cookie", cookies, "Origin", "http://dev-101.dev.zerolaghub.test"));
      Upgrade sibling = upgrade(path, Map.of("Cookie", cookies, "Origin", "https://evil.zlh.test"));
      Upgrade none = upgrade(path, Map.of("Cookie", cookies));

      for (Upgrade refused : List.of(foreign, sibling, none)) {
        assertThat(refused.status).as(path + " " + refused.body).isEqualTo(403);
        assertThat(refused.headers.get("Content-Type")).as(path).startsWith("application/problem+json");
      }
    }
  }

  @Test
  void thePortalsOwnOriginsAndBearerClientsWithoutOriginAreUpgraded() throws Exception {
    for (String path : List.of("/api/servers/" + serverId + "/console", "/api/events")) {
      assertThat(upgrade(path, Map.of("Cookie", SESSION + "=" + owner[1], "Origin", PORTAL)).status).as(path).isEqualTo(101);
      assertThat(upgrade(path, Map.of("Cookie", SESSION + "=" + owner[1], "Origin", ADMIN_PORTAL)).status).as(path).isEqualTo(101);
      assertThat(upgrade(path, Map.of("Authorization", "Bearer " + owner[1])).status).as(path).isEqualTo(101);
    }
  }

  // --- item 1: no container bytes under the API origin; security headers ---

  @Test
  void theLegacyIdePathOnTheApiPortRedirectsToTheHostedIdeAndNeverServesTheContainer() throws Exception {
    // both cookie names, so the route would have found a session under either naming
    String cookies = "zlh_session=" + owner[1] + "; " + SESSION + "=" + owner[1];
    for (String path : List.of("/__ide/" + serverId + "/", "/__ide/" + serverId + "/static/main.js?v=1", "/__ide/" + serverId)) {
      HttpResponse<String> answer = get(path, Map.of("Cookie", cookies));

      assertThat(answer.statusCode()).as(path + " " + answer.body()).isEqualTo(302);
      assertThat(answer.headers().firstValue("Location")).as(path).contains("/api/dev/" + serverId + "/ide");
      assertThat(answer.body()).as(path).doesNotContain("code-server stand-in").isEmpty();
    }
    Upgrade tunnel = upgrade("/__ide/" + serverId + "/stable-1", Map.of("Cookie", cookies, "Origin", PORTAL));
    assertThat(tunnel.status).isEqualTo(410);
    assertThat(tunnel.body).doesNotContain("code-server stand-in");

    HttpResponse<String> link = get("/api/dev/" + serverId + "/ide", Map.of("Cookie", SESSION + "=" + owner[1]));
    assertThat(link.statusCode()).as(link.body()).isEqualTo(302);
    int vmid = node.servers.serverPorts().routeTable().current().byServerId(serverId).orElseThrow().vmid();
    assertThat(link.headers().firstValue("Location").orElseThrow())
        .startsWith("http://dev-" + vmid + "." + ProxyConfig.DEFAULT_DEV_DOMAIN + ":" + node.proxy.devHostPort() + "/?zlh_ide_token=");
  }

  @Test
  void everyAnswerCarriesTheSecurityHeadersProblemsAnd404sIncluded() throws Exception {
    Map<String, HttpResponse<String>> answers = Map.of(
        "api", get("/api/me", Map.of("Cookie", SESSION + "=" + owner[1])),
        "problem", get("/api/servers", Map.of()),
        "404", get("/api/no/such/thing", Map.of()),
        "portal", get("/no/such/page", Map.of()),
        "openapi", get("/openapi.yaml", Map.of()),
        "health", get("/health/live", Map.of()));
    assertThat(answers.get("api").statusCode()).isEqualTo(200);
    assertThat(answers.get("problem").statusCode()).isEqualTo(401);
    assertThat(answers.get("404").statusCode()).isEqualTo(404);
    assertThat(answers.get("portal").statusCode()).as("client-side routes answer the portal's page").isEqualTo(200);
    Upgrade refusedSocket = upgrade("/api/events", Map.of("Cookie", SESSION + "=" + owner[1], "Origin", "https://evil.zlh.test"));

    answers.forEach((what, answer) -> {
      HttpHeaders h = answer.headers();
      assertThat(h.firstValue("Content-Security-Policy")).as(what).hasValueSatisfying(csp -> assertThat(csp)
          .contains("default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'", "base-uri 'none'",
              "frame-ancestors 'none'", "form-action 'self'", "connect-src 'self' wss://panel.zlh.test")
          .doesNotContain("unsafe-inline", "unsafe-eval", "*"));
      assertThat(h.firstValue("X-Content-Type-Options")).as(what).contains("nosniff");
      assertThat(h.firstValue("X-Frame-Options")).as(what).contains("DENY");
      assertThat(h.firstValue("Referrer-Policy")).as(what).contains("no-referrer");
      assertThat(h.firstValue("Strict-Transport-Security")).as(what).hasValueSatisfying(v -> assertThat(v).startsWith("max-age="));
    });
    assertThat(refusedSocket.headers.get("Content-Security-Policy")).contains("frame-ancestors 'none'");
  }

  // --- item 5: session cookies a sibling page cannot plant or shadow ---

  @Test
  void overHttpsTheSessionCookiesAreHostPrefixedSecureAndHostOnly() throws Exception {
    String email = "c" + System.nanoTime() + "@example.com";
    JsonObject registration = new JsonObject().put("email", email).put("password", "correct horse battery")
        .put("username", "c" + Long.toHexString(System.nanoTime())).put("displayName", "Cookie check");
    assertThat(node.send(null, "POST", "/api/auth/register", registration).statusCode()).isEqualTo(201);
    HttpResponse<String> login = http.send(HttpRequest.newBuilder(uri("/api/auth/login"))
        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("email", email).put("password", "correct horse battery")
            .encode())).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    List<String> set = login.headers().allValues("Set-Cookie");
    assertThat(set).hasSize(2);
    assertThat(set).anySatisfy(c -> assertThat(c).startsWith("__Host-zlh_session=").containsIgnoringCase("HttpOnly"));
    assertThat(set).anySatisfy(c -> assertThat(c).startsWith("__Host-zlh_csrf="));
    assertThat(set).allSatisfy(c -> assertThat(c).contains("; Secure", "Path=/").doesNotContainIgnoringCase("domain"));
  }

  @Test
  void overHttpsThePlainCookieNameASiblingCouldSetIsNotASession() throws Exception {
    assertThat(get("/api/me", Map.of("Cookie", "zlh_session=" + owner[1])).statusCode()).isEqualTo(401);
    assertThat(get("/api/me", Map.of("Cookie", "=" + SESSION + "=" + owner[1])).statusCode()).isEqualTo(401);
  }

  @Test
  void aPlantedSessionCookieBesideTheRealOneIsNotBlindlyTrusted() throws Exception {
    String[] other = node.signUp();

    HttpResponse<String> junkFirst = get("/api/me", Map.of("Cookie", SESSION + "=planted-junk; " + SESSION + "=" + owner[1]));
    HttpResponse<String> twoSessions = get("/api/me", Map.of("Cookie", SESSION + "=" + other[1] + "; " + SESSION + "=" + owner[1]));

    assertThat(junkFirst.statusCode()).as(junkFirst.body()).isEqualTo(200);
    assertThat(new JsonObject(junkFirst.body()).getString("id")).isEqualTo(owner[0]);
    assertThat(twoSessions.statusCode()).as("two different sessions: which did the user sign in with?").isEqualTo(401);
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + node.port() + path);
  }

  private static HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET();
    headers.forEach(b::header);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A browser-shaped WebSocket handshake (any headers) on its own connection, closed after the answer's head and body. */
  private static Upgrade upgrade(String path, Map<String, String> headers) throws Exception {
    StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + node.port() + "\r\n"
        + "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n");
    headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
    request.append("\r\n");
    try (Socket socket = new Socket("127.0.0.1", node.port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.UTF_8));
      InputStream in = socket.getInputStream();
      StringBuilder head = new StringBuilder();
      while (!head.toString().endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) throw new AssertionError("closed after " + head);
        head.append((char) b);
      }
      String[] lines = head.toString().split("\r\n");
      int status = Integer.parseInt(lines[0].split(" ")[1]);
      MultiMap answerHeaders = MultiMap.caseInsensitiveMultiMap();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        if (colon > 0) answerHeaders.add(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
      }
      String length = answerHeaders.get("Content-Length");
      String body = status == 101 || length == null ? ""
          : new String(in.readNBytes(Integer.parseInt(length)), StandardCharsets.UTF_8);
      return new Upgrade(status, answerHeaders, body);
    }
  }

  private record Upgrade(int status, MultiMap headers, String body) {}

  private static String runningDevServer(String token) throws Exception {
    JsonObject dev = new JsonObject().put("type", "dev").put("name", "surface-lab").put("runtime", "node").put("version", "20")
        .put("codeServer", true);
    HttpResponse<String> created = node.send(token, "POST", "/api/instances", dev);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
    JsonObject accepted = new JsonObject(created.body());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      HttpResponse<String> op = node.send(token, "GET", "/api/operations/" + accepted.getString("operationId"), null);
      String status = new JsonObject(op.body()).getString("status");
      assertThat(status).as(op.body()).isNotEqualTo("failed");
      if ("succeeded".equals(status)) break;
      assertThat(System.nanoTime()).as("operation still " + status).isLessThan(deadline);
      Thread.sleep(50);
    }
    String id = accepted.getString("serverId");
    while (node.servers.serverPorts().routeTable().current().byServerId(id).map(r -> !r.running()).orElse(true)) {
      assertThat(System.nanoTime()).as("route of " + id).isLessThan(deadline);
      Thread.sleep(50);
    }
    return id;
  }
}
