package com.zerolaghub.verticles.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.core.accounts.AccountDecider;
import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.events.ExpectedVersion;
import com.zerolaghub.events.NewEvent;
import com.zerolaghub.events.accounts.AccountEvent.RoleGranted;
import com.zerolaghub.events.accounts.Role;
import com.zerolaghub.verticles.config.ProxyConfig;
import com.zerolaghub.verticles.testing.BearerSocket;
import com.zerolaghub.verticles.testing.WiredNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Signing out ends everything the session opened, on a whole node: the hosted IDE's cookie,
 * the console and the live-events sockets. Other sessions of the same account keep working
 * until they end too (sign out everywhere, an administrator).
 */
@DisplayName("Signing out ends the IDE and every socket of that session")
class SignOutEndsEverythingTest {
  private static final Duration WITHIN = Duration.ofSeconds(1);
  private static WiredNode node;
  private static Vertx vertx;
  private static HttpClient browser;
  private static WebSocketClient sockets;

  @BeforeAll
  static void start() throws Exception {
    node = WiredNode.start(Clock.systemUTC(), "http://127.0.0.1:9", Duration.ofDays(3), Duration.ofDays(7),
        ProxyConfig.builder().port(0).host("127.0.0.1").build());
    vertx = Vertx.vertx();
    browser = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
    sockets = vertx.createWebSocketClient();
  }

  @AfterAll
  static void stop() throws Exception {
    if (vertx != null) vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    if (node != null) node.close();
  }

  @Test
  void logoutEndsThatSessionsIdeCookieConsoleAndLiveEventsButNotTheOtherSession() throws Exception {
    String email = newAccount();
    String laptop = login(email);
    String phone = login(email);
    String serverId = node.runningDevServer(laptop, "so-");
    String laptopIde = ideCookie(laptop, serverId);
    String phoneIde = ideCookie(phone, serverId);
    BearerSocket console = open("/api/servers/" + serverId + "/console", laptop);
    BearerSocket events = open("/api/events", laptop);
    BearerSocket phoneEvents = open("/api/events", phone);
    console.await("connected", () -> console.texts.stream().anyMatch(t -> t.contains("\"connected\"")));
    assertThat(ide(serverId, laptopIde)).isEqualTo(200);

    HttpResponse<String> out = node.send(laptop, "POST", "/api/auth/logout", null);
    assertThat(out.statusCode()).as(out.body()).isEqualTo(204);

    console.awaitClose(WITHIN);
    assertThat(console.closeCode).isEqualTo((short) 4401);
    assertThat(console.texts).anyMatch(t -> t.contains("\"signed_out\""));
    events.awaitClose(WITHIN);
    assertThat(events.closeCode).isEqualTo((short) 4401);
    assertThat(ide(serverId, laptopIde)).as("the IDE cookie of the ended session").isEqualTo(401);
    assertThat(ide(serverId, phoneIde)).as("the other session's IDE").isEqualTo(200);
    assertThat(phoneEvents.closeCode).as("the other session's socket").isNull();
  }

  @Test
  void signingOutEverywhereAndAnAdministratorEndEverySessionOfTheAccount() throws Exception {
    String email = newAccount();
    String first = login(email);
    String second = login(email);
    String serverId = node.runningDevServer(first, "so-");
    String secondIde = ideCookie(second, serverId);
    BearerSocket secondEvents = open("/api/events", second);

    assertThat(node.send(first, "POST", "/api/auth/logout-everywhere", null).statusCode()).isEqualTo(204);

    secondEvents.awaitClose(WITHIN);
    assertThat(secondEvents.closeCode).isEqualTo((short) 4401);
    assertThat(ide(serverId, secondIde)).isEqualTo(401);
    assertThat(node.send(second, "GET", "/api/me", null).statusCode()).isEqualTo(401);

    // an administrator, with a reason
    String third = login(email);
    String thirdIde = ideCookie(third, serverId);
    BearerSocket thirdEvents = open("/api/events", third);
    String adminEmail = newAccount();
    String admin = login(adminEmail);
    String adminId = new JsonObject(node.send(admin, "GET", "/api/me", null).body()).getString("id");
    makeAdmin(adminId, admin);
    String customerId = new JsonObject(node.send(third, "GET", "/api/me", null).body()).getString("id");
    HttpResponse<String> byCustomer = node.send(third, "POST", "/api/admin/accounts/" + customerId + "/sessions/end",
        new JsonObject().put("reason", "laptop stolen"));
    assertThat(byCustomer.statusCode()).as("a customer may not").isEqualTo(403);

    HttpResponse<String> ended = node.send(admin, "POST", "/api/admin/accounts/" + customerId + "/sessions/end",
        new JsonObject().put("reason", "laptop stolen"));
    assertThat(ended.statusCode()).as(ended.body()).isEqualTo(204);
    thirdEvents.awaitClose(WITHIN);
    assertThat(ide(serverId, thirdIde)).isEqualTo(401);
    assertThat(node.send(admin, "GET", "/api/me", null).statusCode()).as("the administrator's own session").isEqualTo(200);
  }

  private static String newAccount() throws Exception {
    String user = "s" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
    String email = user + "@example.com";
    HttpResponse<String> registered = node.send(null, "POST", "/api/auth/register", new JsonObject().put("email", email)
        .put("password", "correct horse battery").put("username", user).put("displayName", "Sign-out " + user));
    assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
    return email;
  }

  private static String login(String email) throws Exception {
    HttpResponse<String> login = node.send(null, "POST", "/api/auth/login",
        new JsonObject().put("email", email).put("password", "correct horse battery"));
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    return new JsonObject(login.body()).getString("token");
  }

  private static void makeAdmin(String userId, String token) throws Exception {
    node.platform.context().store().append(AccountDecider.stream(userId), ExpectedVersion.ANY,
        List.of(NewEvent.of(new RoleGranted(userId, Role.ADMIN, "operator:test", Instant.now()), EventMetadata.system("test"))))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    eventually("admin role seen", () -> {
      try {
        return node.send(token, "GET", "/api/admin/accounts?limit=1", null).statusCode() == 200;
      } catch (Exception e) {
        return false;
      }
    });
  }

  /** The hosted IDE cookie this session gets from its one-time link. */
  private static String ideCookie(String token, String serverId) throws Exception {
    HttpResponse<String> issued = node.send(token, "POST", "/api/dev/" + serverId + "/ide-token", null);
    assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
    URI link = URI.create(new JsonObject(issued.body()).getString("url"));
    var exchanged = get(link.getHost(), link.getRawPath() + "?" + link.getRawQuery(), null);
    assertThat(exchanged.statusCode()).isEqualTo(302);
    return exchanged.getHeader("Set-Cookie").split(";", 2)[0];
  }

  /** The status the dev host answers with this IDE cookie, within a second of any sign-out. */
  private static int ide(String serverId, String cookie) throws Exception {
    int vmid = node.servers.serverPorts().routeTable().current().byServerId(serverId).orElseThrow().vmid();
    String host = "dev-" + vmid + "." + ProxyConfig.DEFAULT_DEV_DOMAIN;
    int status = get(host, "/", cookie).statusCode();
    long deadline = System.nanoTime() + WITHIN.toNanos();
    while (status == 200 && System.nanoTime() < deadline) {
      Thread.sleep(50);
      int again = get(host, "/", cookie).statusCode();
      if (again != 200) return again;
    }
    return status;
  }

  private static HttpClientResponse get(String host, String path, String cookie) throws Exception {
    int port = node.proxy.devHostPort();
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET)
        .setServer(SocketAddress.inetSocketAddress(port, "127.0.0.1")).setHost(host).setPort(port).setURI(path);
    if (cookie != null) options.putHeader("Cookie", cookie);
    return browser.request(options).compose(r -> r.send().compose(resp -> resp.body().map(b -> resp)))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }


  private static BearerSocket open(String path, String token) throws Exception {
    return BearerSocket.open(vertx, sockets, node.port(), path, token);
  }

  private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as(what).isLessThan(deadline);
      Thread.sleep(50);
    }
  }
}
