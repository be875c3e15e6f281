package com.zerolaghub.verticles.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.zerolaghub.events.testing.TestPostgres;
import com.zerolaghub.events.testing.TestRedis;
import com.zerolaghub.verticles.config.ProxyConfig;
import com.zerolaghub.verticles.testing.TcpForwarder;
import com.zerolaghub.verticles.testing.WiredNode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL briefly unreachable is not the client's fault: requests that need it answer 503
 * with Retry-After (a create with an Idempotency-Key says a retry with it is safe), the node
 * logs a warning without a stack trace, and serves again once the database is back.
 */
@DisplayName("An unreachable database answers 503 with Retry-After, never 500")
class UnavailableDependenciesTest {
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final ListAppender<ILoggingEvent> failures = new ListAppender<>();
  private Vertx vertx;
  private TcpForwarder link;
  private TcpForwarder redisLink;
  private WiredNode node;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    TestPostgres.Database db = TestPostgres.freshDatabase();
    link = new TcpForwarder(vertx, "localhost", db.port());
    link.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    redisLink = new TcpForwarder(vertx, "127.0.0.1", TestRedis.port());
    redisLink.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    node = WiredNode.start(Clock.systemUTC(), "http://127.0.0.1:9", Duration.ofDays(3), Duration.ofDays(7),
        ProxyConfig.builder().port(0).host("127.0.0.1").publicPort(-1).build(), db,
        config -> config.with(c -> c
            .db(d -> d.port(link.port()))
            .redis(r -> r.uri("redis://127.0.0.1:" + redisLink.port() + "/0"))));
    failures.start();
    ((Logger) LoggerFactory.getLogger(ProblemFailureHandler.class)).addAppender(failures);
  }

  @AfterEach
  void stop() throws Exception {
    ((Logger) LoggerFactory.getLogger(ProblemFailureHandler.class)).detachAppender(failures);
    if (node != null) node.close();
    if (vertx != null) vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void requestsNeedingTheDatabaseAnswer503WhileItIsCutAndSucceedOnceItIsBack() throws Exception {
    String[] user = node.signUp();
    JsonObject create = new JsonObject().put("type", "game").put("name", "outage").put("variant", "vanilla").put("plan", "game-4g");

    link.cut().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    List<String> wrong = new ArrayList<>();
    // The first requests meet pooled connections being closed, later ones a refused connect: both kinds.
    for (int round = 0; round < 3; round++) {
      HttpResponse<String> created = send(user[1], "POST", "/api/instances", create, "outage-key-1");
      JsonObject p = unavailable("create, round " + round, created, wrong);
      if (p != null && !p.getString("detail", "").contains("same Idempotency-Key")) {
        wrong.add("create, round " + round + ": detail does not say a retry with the Idempotency-Key is safe: " + p);
      }
      unavailable("list servers, round " + round, send(user[1], "GET", "/api/servers", null, null), wrong);
      unavailable("register, round " + round, send(null, "POST", "/api/auth/register", new JsonObject()
          .put("email", "late" + round + "@example.com").put("password", "correct horse battery")
          .put("username", "late" + round).put("displayName", "Late " + round), null), wrong);
      Thread.sleep(300);
    }
    assertThat(wrong).as("answers during the outage").isEmpty();
    assertThat(failures.list).as("failure log lines during the outage")
        .allSatisfy(e -> {
          assertThat(e.getLevel()).isEqualTo(Level.WARN);
          assertThat(e.getThrowableProxy()).as("no stack trace: %s", e.getFormattedMessage()).isNull();
        });

    link.restore().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    HttpResponse<String> retried;
    while ((retried = send(user[1], "POST", "/api/instances", create, "outage-key-1")).statusCode() >= 500) {
      if (System.nanoTime() > deadline) throw new AssertionError("create never succeeded after the outage: " + retried.body());
      Thread.sleep(200);
    }
    assertThat(retried.statusCode()).as(retried.body()).isBetween(200, 202);
  }

  /** The problem document when {@code r} is a complete 503 unavailable with Retry-After; else notes why not in {@code wrong}. */
  private static JsonObject unavailable(String what, HttpResponse<String> r, List<String> wrong) {
    if (r.statusCode() != 503) {
      wrong.add(what + ": " + r.statusCode() + " " + r.body());
      return null;
    }
    if (r.headers().firstValue("Retry-After").isEmpty()) wrong.add(what + ": no Retry-After");
    if (!Problem.CONTENT_TYPE.equals(r.headers().firstValue("Content-Type").orElse(null))) wrong.add(what + ": not a problem document");
    JsonObject p = new JsonObject(r.body());
    if (!(ProblemType.BASE_URI + "unavailable").equals(p.getString("type"))) wrong.add(what + ": type " + p.getString("type"));
    if (p.getString("requestId") == null || p.getString("instance") == null) wrong.add(what + ": incomplete " + p);
    return p;
  }

  private HttpResponse<String> send(String token, String method, String path, JsonObject body, String idempotencyKey)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + path))
        .timeout(Duration.ofSeconds(20))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.encode()));
    if (body != null) b.header("Content-Type", "application/json");
    if (token != null) b.header("Authorization", "Bearer " + token);
    if (idempotencyKey != null) b.header("Idempotency-Key", idempotencyKey);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
