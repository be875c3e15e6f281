package com.zerolaghub.verticles.servers;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.core.servers.run.RunnerHooks;
import com.zerolaghub.events.testing.TestPostgres;
import com.zerolaghub.verticles.config.PlatformConfig;
import com.zerolaghub.verticles.infra.SimulatedSystems;
import com.zerolaghub.verticles.projections.ProjectionsCapability;
import com.zerolaghub.verticles.node.Capability;
import com.zerolaghub.verticles.runtime.Platform;
import com.zerolaghub.verticles.testing.TestNode;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A node running the servers capability against simulators with millisecond tasks, signed in
 * through {@link HeaderAuthentication}, and a blocking HTTP client speaking as a given user.
 */
public final class ServersNode implements AutoCloseable {
  public final Platform platform;
  public final ServersCapability servers;
  public final TestPostgres.Database database;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private ServersNode(Platform platform, ServersCapability servers, TestPostgres.Database database) {
    this.platform = platform;
    this.servers = servers;
    this.database = database;
  }

  static ServersNode start() throws Exception {
    return start(RunnerHooks.NONE, c -> c);
  }

  static ServersNode start(RunnerHooks hooks, UnaryOperator<PlatformConfig> tweak) throws Exception {
    return start(hooks, tweak, (projections, servers) -> List.of());
  }

  /** With more capabilities (made from this node's projections and servers) started after servers. */
  public static ServersNode start(RunnerHooks hooks, UnaryOperator<PlatformConfig> tweak,
                                  BiFunction<ProjectionsCapability, ServersCapability, List<Capability>> extras)
      throws Exception {
    return start(TestPostgres.freshDatabase(), hooks, tweak, extras);
  }

  /** The same on {@code db} (a node started again on the log of one stopped before). */
  public static ServersNode start(TestPostgres.Database db, RunnerHooks hooks, UnaryOperator<PlatformConfig> tweak,
                                  BiFunction<ProjectionsCapability, ServersCapability, List<Capability>> extras)
      throws Exception {
    PlatformConfig config = tweak.apply(TestNode.config(db, db.port()).with(c -> c
        .infra(i -> i.simTaskDurationMs(3).requestTimeoutMs(1_000))
        .servers(s -> s.workerConcurrency(4).stepRetryMs(1_500).taskTimeoutMs(5_000).agentWaitMs(5_000).shutdownGraceMs(200))));
    HeaderAuthentication auth = new HeaderAuthentication();
    ProjectionsCapability projections = new ProjectionsCapability(auth);
    ServersCapability servers = new ServersCapability(auth, projections, hooks);
    Platform platform = Platform.builder(config)
        .capabilities(withExtras(projections, servers, extras.apply(projections, servers)))
        .start().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    return new ServersNode(platform, servers, db);
  }

  private static List<Capability> withExtras(ProjectionsCapability projections, ServersCapability servers, List<Capability> extras) {
    List<Capability> all = new ArrayList<>(List.of(projections.setup(), servers));
    all.addAll(extras);
    all.add(projections.launch());
    return all;
  }

  public SimulatedSystems sims() {
    return servers.simulators().orElseThrow();
  }

  public static String newUser() {
    return UUID.randomUUID().toString();
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + platform.httpPort() + path);
  }

  public HttpResponse<String> send(String user, String method, String path, String json, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20))
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) b.header("Content-Type", "application/json");
    if (user != null) b.header(HeaderAuthentication.USER, user);
    for (int i = 0; i + 1 < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> get(String user, String path) throws Exception {
    return send(user, "GET", path, null);
  }

  public HttpResponse<String> asAdmin(String method, String path, String json) throws Exception {
    return send("admin-" + UUID.randomUUID(), method, path, json, HeaderAuthentication.ADMIN, "true");
  }

  HttpResponse<byte[]> sendBytes(String user, String method, String path, HttpRequest.BodyPublisher body, String contentType) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).method(method, body)
        .header(HeaderAuthentication.USER, user);
    if (contentType != null) b.header("Content-Type", contentType);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  public static JsonObject json(HttpResponse<String> r) {
    return new JsonObject(r.body());
  }

  public static String game(String name) {
    return new JsonObject().put("type", "game").put("name", name).put("variant", "vanilla").put("plan", "game-4g").encode();
  }

  static String dev(String name, boolean codeServer) {
    return new JsonObject().put("type", "dev").put("name", name).put("runtime", "python").put("version", "3.12")
        .put("codeServer", codeServer).encode();
  }

  /** POST /api/instances, expecting 202: {operationId, serverId}. */
  public JsonObject create(String user, String body, String... headers) throws Exception {
    HttpResponse<String> r = send(user, "POST", "/api/instances", body, headers);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    return json(r);
  }

  /** Polls the operation until it finished, failing the test after {@code seconds}. */
  public JsonObject awaitFinished(String user, String operationId, int seconds) throws Exception {
    return awaitOperation(user, operationId, op -> op.getString("status").equals("succeeded") || op.getString("status").equals("failed"), seconds);
  }

  JsonObject awaitOperation(String user, String operationId, Predicate<JsonObject> done, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    JsonObject last = null;
    while (System.nanoTime() < deadline) {
      HttpResponse<String> r = get(user, "/api/operations/" + operationId);
      if (r.statusCode() == 200) {
        last = json(r);
        if (done.test(last)) return last;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("operation " + operationId + " did not finish in " + seconds + " s; last seen " + last);
  }

  /** Creates a server and waits for its provisioning to succeed. */
  public JsonObject ready(String user, String body) throws Exception {
    JsonObject accepted = create(user, body);
    JsonObject op = awaitFinished(user, accepted.getString("operationId"), 20);
    assertThat(op.getString("status")).as(op.encode()).isEqualTo("succeeded");
    return json(get(user, "/api/servers/" + accepted.getString("serverId")));
  }

  /** Runs a host action or delete and waits for its operation to succeed. */
  public JsonObject operate(String user, String method, String path) throws Exception {
    HttpResponse<String> r = send(user, method, path, null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    JsonObject op = awaitFinished(user, json(r).getString("operationId"), 20);
    assertThat(op.getString("status")).as(op.encode()).isEqualTo("succeeded");
    return op;
  }

  /** Waits until no operation is open (other tests' servers settled), so counters can be compared. */
  public void awaitIdle() throws Exception {
    eventually("every operation finished", 30, () -> assertThat(servers.serverPorts().directory().current().openOperations()).isEmpty());
  }

  /** Polls until {@code condition} holds (read models trail the log a little). */
  public static void eventually(String what, int seconds, Check condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    Throwable last = null;
    while (System.nanoTime() < deadline) {
      try {
        condition.run();
        return;
      } catch (AssertionError e) {
        last = e;
      }
      Thread.sleep(20);
    }
    throw new AssertionError(what + " did not happen within " + seconds + " s", last);
  }

  public interface Check {
    void run() throws Exception;
  }

  @Override
  public void close() throws Exception {
    platform.stop().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }
}
