package com.zerolaghub.verticles.testing;

import com.zerolaghub.events.testing.TestPostgres;
import com.zerolaghub.simulators.StripeWebhookSigner;
import com.zerolaghub.verticles.config.BillingConfig;
import com.zerolaghub.verticles.config.PlatformConfig;
import com.zerolaghub.verticles.config.ProxyConfig;
import com.zerolaghub.verticles.infra.SimulatedSystems;
import com.zerolaghub.verticles.proxy.ProxyCapability;
import com.zerolaghub.verticles.node.Capability;
import com.zerolaghub.verticles.runtime.NodeCapabilities;
import com.zerolaghub.verticles.runtime.Platform;
import com.zerolaghub.verticles.servers.ServersCapability;
import com.zerolaghub.verticles.testing.TestNode;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A node wired as {@code zlh run} wires it ({@link NodeCapabilities#forNode}: accounts with real
 * sessions, servers on the built-in simulators, billing, support, the proxy with its console
 * bridge) on a given clock, and a blocking HTTP client for it.
 */
public final class WiredNode implements AutoCloseable {
  public static final String WEBHOOK_SECRET = "whsec_test_dunning";
  public static final String STRIPE_KEY = "sk_test_sim";

  public final Platform platform;
  public final ServersCapability servers;
  public final ProxyCapability proxy;
  public final TestPostgres.Database database;
  private final Clock clock;
  private List<Capability> capabilities = List.of();
  private final StripeWebhookSigner signer = new StripeWebhookSigner(WEBHOOK_SECRET);
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private WiredNode(Platform platform, ServersCapability servers, ProxyCapability proxy, Clock clock, TestPostgres.Database database) {
    this.platform = platform;
    this.database = database;
    this.servers = servers;
    this.proxy = proxy;
    this.clock = clock;
  }

  /** Simulators with instant tasks, short server deadlines, the worker looking for due steps every 50 ms. */
  public static WiredNode start(Clock clock, String stripeApiBase, Duration warning, Duration finalWarning) throws Exception {
    return start(clock, stripeApiBase, warning, finalWarning, ProxyConfig.builder().port(0).host("127.0.0.1").publicPort(-1).build());
  }

  /** The same with the given proxy configuration. */
  public static WiredNode start(Clock clock, String stripeApiBase, Duration warning, Duration finalWarning, ProxyConfig proxy)
      throws Exception {
    return start(clock, stripeApiBase, warning, finalWarning, proxy, UnaryOperator.identity());
  }

  /** The same with the configuration then changed by {@code adjust} (e.g. another {@code http.publicUrl}). */
  public static WiredNode start(Clock clock, String stripeApiBase, Duration warning, Duration finalWarning, ProxyConfig proxy,
      UnaryOperator<PlatformConfig> adjust) throws Exception {
    return start(clock, stripeApiBase, warning, finalWarning, proxy, TestPostgres.freshDatabase(), adjust);
  }

  /** The same on {@code db}, its configuration changed last by {@code adjust} (e.g. to reach PostgreSQL or Redis through a forwarder). */
  public static WiredNode start(Clock clock, String stripeApiBase, Duration warning, Duration finalWarning, ProxyConfig proxy,
      TestPostgres.Database db, UnaryOperator<PlatformConfig> adjust) throws Exception {
    return start(clock, BillingConfig.builder().stripeApiKey(STRIPE_KEY).stripeApiBase(stripeApiBase)
        .webhookSecret(WEBHOOK_SECRET).warning(warning).finalWarning(finalWarning).checkInterval(Duration.ofMillis(50)).build(), proxy, db, adjust);
  }

  /** The same with the given billing configuration (no Stripe key: the node runs its own Stripe simulator). */
  public static WiredNode start(Clock clock, BillingConfig billing, ProxyConfig proxy) throws Exception {
    return start(clock, billing, proxy, TestPostgres.freshDatabase(), UnaryOperator.identity());
  }

  private static WiredNode start(Clock clock, BillingConfig billing, ProxyConfig proxy, TestPostgres.Database db,
      UnaryOperator<PlatformConfig> adjust) throws Exception {
    PlatformConfig config = adjust.apply(TestNode.config(db, db.port()).with(c -> c
        .auth(a -> a.bcryptCost(4).loginPerIp(100_000).loginPerEmail(100_000).registerPerIp(100_000).resetPerIp(100_000).resetPerEmail(100_000))
        .infra(i -> i.simTaskDurationMs(0).requestTimeoutMs(2_000))
        .servers(s -> s.stepRetryMs(1_500).taskTimeoutMs(5_000).agentWaitMs(5_000).shutdownGraceMs(200))
        .proxy(proxy)
        .billing(billing)));
    List<Capability> capabilities = NodeCapabilities.forNode(config, clock);
    ServersCapability servers = capabilities.stream().filter(ServersCapability.class::isInstance)
        .map(ServersCapability.class::cast).findFirst().orElseThrow();
    Platform platform = Platform.builder(config).capabilities(capabilities).start()
        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    ProxyCapability proxyCapability = capabilities.stream().filter(ProxyCapability.class::isInstance)
        .map(ProxyCapability.class::cast).findFirst().orElseThrow();
    WiredNode node = new WiredNode(platform, servers, proxyCapability, clock, db);
    node.capabilities = capabilities;
    return node;
  }

  /** The node's capability of type {@code type}. */
  public <T> T capability(Class<T> type) {
    return capabilities.stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
  }

  public SimulatedSystems sims() {
    return servers.simulators().orElseThrow();
  }

  public int port() {
    return platform.httpPort();
  }

  /** Registers and signs in a new customer; answers {@code [accountId, bearer token]}. */
  public String[] signUp() throws Exception {
    String user = "u" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
    String email = user + "@example.com";
    JsonObject registration = new JsonObject().put("email", email).put("password", "correct horse battery")
        .put("username", user).put("displayName", "Dunning " + user);
    HttpResponse<String> registered = send(null, "POST", "/api/auth/register", registration);
    if (registered.statusCode() != 201) throw new AssertionError("register: " + registered.statusCode() + " " + registered.body());
    HttpResponse<String> login = send(null, "POST", "/api/auth/login",
        new JsonObject().put("email", email).put("password", "correct horse battery"));
    if (login.statusCode() != 200) throw new AssertionError("login: " + login.statusCode() + " " + login.body());
    JsonObject body = new JsonObject(login.body());
    return new String[] {body.getJsonObject("user").getString("id"), body.getString("token")};
  }

  /** Creates a dev server with code-server for this bearer and waits until its host runs; answers its id. */
  public String runningDevServer(String token, String namePrefix) throws Exception {
    JsonObject dev = new JsonObject().put("type", "dev").put("name", namePrefix + System.nanoTime() % 100000)
        .put("runtime", "node").put("version", "20").put("codeServer", true);
    HttpResponse<String> created = send(token, "POST", "/api/instances", dev);
    if (created.statusCode() != 202) throw new AssertionError("create: " + created.statusCode() + " " + created.body());
    String serverId = new JsonObject(created.body()).getString("serverId");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!servers.serverPorts().routeTable().current().byServerId(serverId).map(r -> r.running()).orElse(false)) {
      if (System.nanoTime() > deadline) throw new AssertionError("server " + serverId + " not running within 30 s");
      Thread.sleep(20);
    }
    return serverId;
  }

  public HttpResponse<String> send(String token, String method, String path, JsonObject body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
        .timeout(Duration.ofSeconds(20))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.encode()));
    if (body != null) b.header("Content-Type", "application/json");
    if (token != null) b.header("Authorization", "Bearer " + token);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Posts a Stripe event to the webhook, signed with the test secret at the node's current time. */
  public HttpResponse<String> deliver(String payload) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + "/api/billing/webhook"))
        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
        .header("Stripe-Signature", signer.header(payload, clock.instant().getEpochSecond()))
        .POST(HttpRequest.BodyPublishers.ofString(payload)).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** {@code GET} on the simulated Proxmox's own API, as any Proxmox client would ask it. */
  public JsonObject proxmox(String path) throws Exception {
    SimulatedSystems sims = sims();
    HttpRequest request = HttpRequest.newBuilder(URI.create(sims.proxmox().apiBase() + path)).timeout(Duration.ofSeconds(5))
        .header("Authorization", sims.proxmoxAuthorization()).GET().build();
    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) throw new AssertionError("proxmox " + path + ": " + r.statusCode() + " " + r.body());
    return new JsonObject(r.body());
  }

  /** The container's status as Proxmox reports it ({@code running} or {@code stopped}). */
  public String containerStatus(int vmid) throws Exception {
    return proxmox("/nodes/" + sims().proxmox().node() + "/lxc/" + vmid + "/status/current").getJsonObject("data")
        .getString("status");
  }

  @Override
  public void close() throws Exception {
    platform.stop().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }
}
