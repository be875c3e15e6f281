package com.zerolaghub.verticles.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.core.accounts.AccountDecider;
import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.events.ExpectedVersion;
import com.zerolaghub.events.NewEvent;
import com.zerolaghub.events.accounts.AccountEvent.RoleGranted;
import com.zerolaghub.events.accounts.Role;
import com.zerolaghub.events.testing.TestRedis;
import com.zerolaghub.simulators.AgentSimulator;
import com.zerolaghub.simulators.FaultPlan;
import com.zerolaghub.verticles.config.ProxyConfig;
import com.zerolaghub.verticles.provisioning.OperationsWorker;
import com.zerolaghub.verticles.testing.BearerSocket;
import com.zerolaghub.verticles.testing.WiredNode;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A node told to drain (here by an administrator; SIGTERM takes the same path) stops taking new
 * work at once and lets what is in flight finish: readiness 503, the operations lease released
 * (not left to expire), an in-flight request answered with {@code Connection: close}, and after
 * the grace its console and live-events sockets closed with 1012 so clients reconnect elsewhere.
 */
@DisplayName("Draining a node: readiness 503 at once, lease handed over, in-flight answered, sockets 1012, then it stops")
class NodeDrainTest {
  private static final long GRACE_MS = 2_000;
  private static WiredNode node;
  private static Vertx vertx;
  private static HttpClient http;
  private static WebSocketClient sockets;
  private static Redis redis;

  @BeforeAll
  static void start() throws Exception {
    node = WiredNode.start(Clock.systemUTC(), "http://127.0.0.1:9", Duration.ofDays(3), Duration.ofDays(7),
        ProxyConfig.builder().port(0).host("127.0.0.1").build(),
        c -> c.with(b -> b.http(h -> h.drainGraceMs(GRACE_MS))));
    vertx = Vertx.vertx();
    http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true));
    sockets = vertx.createWebSocketClient();
    redis = Redis.createClient(vertx, TestRedis.uri());
  }

  @AfterAll
  static void stop() throws Exception {
    if (vertx != null) vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    if (node != null) node.close();
  }

  @Test
  void drainAnswersNotReadyAtOnceReleasesTheLeaseFinishesInFlightAndClosesSocketsWith1012() throws Exception {
    eventually("this node's operations worker holds the lease", () -> node.servers.worker().active());
    String owner = node.servers.worker().owner();
    assertThat(lease()).isEqualTo(owner);
    String customer = login(newAccount());
    String serverId = node.runningDevServer(customer, "drain-");
    BearerSocket console = open("/api/servers/" + serverId + "/console", customer);
    BearerSocket events = open("/api/events", customer);
    console.await("console connected", () -> console.texts.stream().anyMatch(t -> t.contains("\"connected\"")));
    events.await("events subscribed", () -> events.texts.stream().anyMatch(t -> t.contains("\"subscribed\"")));
    assertThat(get("/health/ready").statusCode()).isEqualTo(200);
    String adminToken = login(newAdmin());

    // a request in flight when the drain begins: the agent takes 1.2 s to answer its status
    int vmid = node.servers.serverPorts().routeTable().current().byServerId(serverId).orElseThrow().vmid();
    AgentSimulator agent = node.sims().proxmox().agent(vmid).orElseThrow();
    long statusCalls = agentStatusCalls(agent);
    agent.faults(FaultPlan.none().withLatency(Duration.ofMillis(1_200)));
    CompletableFuture<Answer> inFlight = request(HttpMethod.GET, "/api/servers/" + serverId + "/status", customer);
    eventually("the status request reached the agent", () -> agentStatusCalls(agent) > statusCalls);

    Instant asked = Instant.now();
    Answer drained = request(HttpMethod.POST, "/api/admin/node/drain", adminToken).get(10, TimeUnit.SECONDS);
    assertThat(drained.status).as(drained.body).isEqualTo(202);
    assertThat(new JsonObject(drained.body).getLong("graceMs")).isEqualTo(GRACE_MS);

    Answer ready = get("/health/ready");
    assertThat(ready.status).as("readiness right after the drain began").isEqualTo(503);
    assertThat(new JsonObject(ready.body).getJsonObject("checks").getString("draining")).isEqualTo("down");
    assertThat(ready.connection).as("answers while draining end their connection").isEqualTo("close");
    eventually("the operations lease released, not left to expire", () -> !owner.equals(lease()));
    assertThat(Duration.between(asked, Instant.now())).as("released well before the lease's 10 s TTL")
        .isLessThan(Duration.ofSeconds(3));
    assertThat(console.closeCode).as("sockets stay open during the grace").isNull();

    Answer status = inFlight.get(15, TimeUnit.SECONDS);
    assertThat(status.status).as(status.body).isEqualTo(200);
    assertThat(status.connection).isEqualTo("close");

    console.awaitClose(Duration.ofMillis(GRACE_MS + 5_000));
    events.awaitClose(Duration.ofMillis(GRACE_MS + 5_000));
    assertThat(console.closeCode).isEqualTo((short) 1012);
    assertThat(console.texts).anyMatch(t -> t.contains("\"restart\""));
    assertThat(events.closeCode).isEqualTo((short) 1012);
    assertThat(Duration.between(asked, Instant.now())).as("sockets close only after the grace")
        .isGreaterThanOrEqualTo(Duration.ofMillis(GRACE_MS));

    node.platform.awaitStopped();
    assertThat(lease()).as("a drained node never takes the lease again").isNotEqualTo(owner);
  }

  private static long agentStatusCalls(AgentSimulator agent) {
    return agent.requests().counts().entrySet().stream().filter(e -> e.getKey().contains("status"))
        .mapToLong(e -> e.getValue()).sum();
  }

  private static String lease() {
    try {
      Response r = redis.send(Request.cmd(Command.GET).arg(OperationsWorker.LEASE_KEY))
          .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
      return r == null ? null : r.toString();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private record Answer(int status, String body, String connection) {
    int statusCode() {
      return status;
    }
  }

  private static Answer get(String path) throws Exception {
    return request(HttpMethod.GET, path, null).get(10, TimeUnit.SECONDS);
  }

  private static CompletableFuture<Answer> request(HttpMethod method, String path, String token) {
    RequestOptions options = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(node.port()).setURI(path);
    if (token != null) options.putHeader("Authorization", "Bearer " + token);
    Promise<Answer> answer = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> http.request(options)
        .compose(r -> r.send().compose((HttpClientResponse resp) -> resp.body()
            .map(b -> new Answer(resp.statusCode(), b.toString(), resp.getHeader("Connection")))))
        .onComplete(answer));
    return answer.future().toCompletionStage().toCompletableFuture();
  }

  private static String newAccount() throws Exception {
    String user = "d" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
    String email = user + "@example.com";
    HttpResponse<String> registered = node.send(null, "POST", "/api/auth/register", new JsonObject().put("email", email)
        .put("password", "correct horse battery").put("username", user).put("displayName", "Drain " + user));
    assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
    return email;
  }

  private static String login(String email) throws Exception {
    HttpResponse<String> login = node.send(null, "POST", "/api/auth/login",
        new JsonObject().put("email", email).put("password", "correct horse battery"));
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    return new JsonObject(login.body()).getString("token");
  }

  private static String newAdmin() throws Exception {
    String email = newAccount();
    String token = login(email);
    String userId = new JsonObject(node.send(token, "GET", "/api/me", null).body()).getString("id");
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
    return email;
  }


  private static BearerSocket open(String path, String token) throws Exception {
    return BearerSocket.open(vertx, sockets, node.port(), path, token);
  }

  private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as(what).isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
