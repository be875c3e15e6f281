package com.zerolaghub.verticles.accounts;

import static com.zerolaghub.verticles.accounts.AccountFlowTest.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.events.testing.TestRedis;
import com.zerolaghub.verticles.config.AuthConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Login, registration and reset are rate-limited per client address and per email: 429 with Retry-After")
class RateLimitTest {
  private static AccountsNode node;

  @BeforeAll
  static void start() throws Exception {
    // login 4 per address, 3 per email; register 2 per address; reset 10 per address, 1 per email
    node = AccountsNode.start(AuthConfig.builder().bcryptCost(4)
        .loginPerIp(4).loginPerEmail(3).registerPerIp(2).resetPerIp(10).resetPerEmail(1).build());
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  private static String email() {
    return "l" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
  }

  @Test
  void guessingOneAccountsPasswordFromManyAddressesIsStoppedPerEmail() throws Exception {
    String email = email();
    node.browser().signUp(email, "the real password");
    for (int i = 0; i < 2; i++) {
      problem(node.browser().post("/api/auth/login", new JsonObject().put("email", email).put("password", "guess " + i)), 401,
          "invalid-credentials");
    }
    HttpResponse<String> refused = node.browser().post("/api/auth/login", new JsonObject().put("email", email).put("password", "the real password"));
    JsonObject p = problem(refused, 429, "rate-limited");
    long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
    assertThat(retryAfter).isBetween(1L, 900L);
    assertThat(p.getString("detail")).contains(retryAfter + " s");
    // Another account from the same addresses is not affected.
    node.browser().signUp(email(), "another password");
  }

  @Test
  void oneAddressTryingManyAccountsIsStoppedPerAddress() throws Exception {
    Browser attacker = node.browser();
    for (int i = 0; i < 4; i++) {
      problem(attacker.post("/api/auth/login", new JsonObject().put("email", email()).put("password", "guess")), 401, "invalid-credentials");
    }
    HttpResponse<String> refused = attacker.post("/api/auth/login", new JsonObject().put("email", email()).put("password", "guess"));
    problem(refused, 429, "rate-limited");
    assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    assertThat(node.browser().get("/health/live").statusCode()).isEqualTo(200);
  }

  @Test
  void registrationsPerAddressAreLimited() throws Exception {
    Browser b = node.browser();
    for (int i = 0; i < 2; i++) {
      assertThat(b.post("/api/auth/register", registration(email())).statusCode()).isEqualTo(201);
    }
    problem(b.post("/api/auth/register", registration(email())), 429, "rate-limited");
    assertThat(node.browser().post("/api/auth/register", registration(email())).statusCode()).as("another address").isEqualTo(201);
  }

  @Test
  void resetRequestsPerEmailAreLimitedAlikeForKnownAndUnknownEmails() throws Exception {
    String known = email();
    node.browser().signUp(known, "some password here");
    String unknown = email();
    for (String email : List.of(known, unknown)) {
      assertThat(node.browser().post("/api/auth/password-reset/request", new JsonObject().put("email", email)).statusCode()).isEqualTo(202);
      HttpResponse<String> second = node.browser().post("/api/auth/password-reset/request", new JsonObject().put("email", email));
      problem(second, 429, "rate-limited");
      assertThat(second.headers().firstValue("Retry-After")).isPresent();
    }
  }

  @Test
  void countersInRedisNameNeitherEmailNorAddress() throws Exception {
    String email = email();
    Browser b = node.browser();
    b.post("/api/auth/login", new JsonObject().put("email", email).put("password", "whatever it is"));
    Vertx vertx = Vertx.vertx();
    try {
      Redis redis = Redis.createClient(vertx, TestRedis.uri());
      Response keys = redis.send(Request.cmd(Command.KEYS).arg(RedisRateLimiter.KEY_PREFIX + "*"))
          .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
      List<String> names = new ArrayList<>();
      for (Response k : keys) names.add(k.toString());
      assertThat(names).contains(RedisRateLimiter.KEY_PREFIX + "login:email:" + RateLimits.emailKey(email));
      assertThat(names).noneMatch(k -> k.contains(email) || k.contains(b.ip));
      Response ttl = redis.send(Request.cmd(Command.PTTL).arg(RedisRateLimiter.KEY_PREFIX + "login:email:" + RateLimits.emailKey(email)))
          .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
      assertThat(ttl.toLong()).as("the window expires").isBetween(1L, 900_000L);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
  }

  private static JsonObject registration(String email) {
    String user = "r" + UUID.randomUUID().toString().substring(0, 8);
    return new JsonObject().put("email", email).put("password", "a long enough secret").put("username", user).put("displayName", user);
  }
}
