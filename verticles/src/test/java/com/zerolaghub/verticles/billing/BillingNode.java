package com.zerolaghub.verticles.billing;

import com.zerolaghub.events.Checkpoint;
import com.zerolaghub.events.RecordedEvent;
import com.zerolaghub.events.testing.TestPostgres;
import com.zerolaghub.simulators.StripeWebhookSigner;
import com.zerolaghub.verticles.config.BillingConfig;
import com.zerolaghub.verticles.config.InfraConfig;
import com.zerolaghub.verticles.config.PlatformConfig;
import com.zerolaghub.verticles.projections.ProjectionsCapability;
import com.zerolaghub.verticles.node.Capability;
import com.zerolaghub.verticles.runtime.Platform;
import com.zerolaghub.verticles.testing.TestNode;
import io.vertx.core.Future;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/** A node running projections + billing with test authentication, a hand-moved clock and recording ports. */
final class BillingNode implements AutoCloseable {
  static final String SECRET = "whsec_test_secret";
  static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

  final Platform platform;
  final BillingCapability billing;
  final TestPostgres.Database db;
  final MutableClock clock;
  final RecordingPorts ports;
  final StripeWebhookSigner signer = new StripeWebhookSigner(SECRET);
  private final HttpClient http = HttpClient.newHttpClient();

  private BillingNode(Platform platform, BillingCapability billing, TestPostgres.Database db, MutableClock clock,
      RecordingPorts ports) {
    this.platform = platform;
    this.billing = billing;
    this.db = db;
    this.clock = clock;
    this.ports = ports;
  }

  static BillingNode start(TestPostgres.Database db, MutableClock clock, RecordingPorts ports, BillingConfig billingConfig,
      Capability... extra) throws Exception {
    return start(db, clock, ports, billingConfig, c -> c, extra);
  }

  private static BillingNode start(TestPostgres.Database db, MutableClock clock, RecordingPorts ports,
      BillingConfig billingConfig, UnaryOperator<PlatformConfig> tweak, Capability... extra)
      throws Exception {
    HeaderAuthentication auth = new HeaderAuthentication();
    ProjectionsCapability projections = new ProjectionsCapability(auth);
    BillingCapability billing = new BillingCapability(auth, projections, ports, ports, clock);
    PlatformConfig config = tweak.apply(TestNode.config(db, db.port()).with(c -> c.billing(billingConfig)));
    List<Capability> caps = new ArrayList<>(List.of(projections.setup(), billing));
    caps.addAll(List.of(extra));
    caps.add(projections.launch());
    Platform platform = Platform.builder(config).capabilities(caps).start()
        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    BillingNode node = new BillingNode(platform, billing, db, clock, ports);
    billing.caughtUp().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    return node;
  }

  /** The same in {@code infra.mode=proxmox}, where a node never runs a Stripe simulator of its own. */
  static BillingNode startOutsideSimulatedMode(TestPostgres.Database db, MutableClock clock, RecordingPorts ports,
      BillingConfig billingConfig) throws Exception {
    return start(db, clock, ports, billingConfig, c -> c.with(b -> b.infra(i -> i.mode(InfraConfig.MODE_PROXMOX))));
  }

  static BillingConfig config() {
    return BillingConfig.builder().stripeApiKey("sk_test_sim").webhookSecret(SECRET)
        .warning(Duration.ofDays(3)).finalWarning(Duration.ofDays(4)).build();
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + platform.httpPort() + path);
  }

  HttpResponse<String> webhook(String payload, String signatureHeader) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri("/api/billing/webhook")).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(payload));
    if (signatureHeader != null) b.header("Stripe-Signature", signatureHeader);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Delivers a payload signed now (by the node's clock). */
  HttpResponse<String> deliver(String payload) throws Exception {
    return webhook(payload, signer.header(payload, clock.instant().getEpochSecond()));
  }

  HttpResponse<String> get(String path, String user, boolean admin) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET();
    if (user != null) b.header("X-Test-User", user);
    if (admin) b.header("X-Test-Admin", "true");
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String user, String json) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    if (user != null) b.header("X-Test-User", user);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  List<RecordedEvent> log() throws Exception {
    return platform.context().store().readAfter(Checkpoint.START, 100_000).toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
      Thread.sleep(10);
    }
  }

  @Override
  public void close() throws Exception {
    platform.stop().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
  }
}
