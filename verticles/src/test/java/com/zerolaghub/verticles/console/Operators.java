package com.zerolaghub.verticles.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.core.accounts.AccountDecider;
import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.events.ExpectedVersion;
import com.zerolaghub.events.NewEvent;
import com.zerolaghub.events.accounts.AccountEvent.RoleGranted;
import com.zerolaghub.events.accounts.Role;
import com.zerolaghub.verticles.config.ControllerConfig;
import com.zerolaghub.verticles.config.ProxyConfig;
import com.zerolaghub.verticles.testing.WiredNode;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** A whole node with customers and an administrator, as the operator console's tests need them. */
final class Operators {
  final WiredNode node;

  private Operators(WiredNode node) {
    this.node = node;
  }

  static Operators start() throws Exception {
    // Drift passes every 150 ms, so findings and planned repairs appear within a test's patience.
    return new Operators(WiredNode.start(Clock.systemUTC(), "http://127.0.0.1:9", Duration.ofDays(3), Duration.ofDays(7),
        ProxyConfig.builder().port(0).host("127.0.0.1").publicPort(-1).build(),
        c -> c.with(b -> b.controller(ControllerConfig.builder().leaseTtlMs(3_000).passIntervalMs(150).stuckOperationMs(60_000).build()))));
  }

  /** A signed-in customer: {@code [accountId, token]}. */
  String[] customer() throws Exception {
    return node.signUp();
  }

  /** A signed-in administrator (granted by an operator on the log, as {@code zlh admin} does): {@code [accountId, token]}. */
  String[] administrator() throws Exception {
    String[] admin = node.signUp();
    node.platform.context().store().append(AccountDecider.stream(admin[0]), ExpectedVersion.ANY,
        List.of(NewEvent.of(new RoleGranted(admin[0], Role.ADMIN, "operator:test", Instant.now()), EventMetadata.system("operator:test"))))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    eventually("admin role seen", () -> get(admin[1], "/api/admin/accounts?limit=1").statusCode() == 200);
    return admin;
  }

  /** A dev server of the customer, provisioned and running. */
  String runningDevServer(String token) throws Exception {
    JsonObject dev = new JsonObject().put("type", "dev").put("name", "tl-" + System.nanoTime() % 100000).put("runtime", "node")
        .put("version", "20").put("codeServer", true);
    HttpResponse<String> created = node.send(token, "POST", "/api/instances", dev);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
    String serverId = new JsonObject(created.body()).getString("serverId");
    eventually("server " + serverId + " running", () ->
        node.servers.serverPorts().routeTable().current().byServerId(serverId).map(r -> r.running()).orElse(false));
    return serverId;
  }

  /** A game server of the customer, provisioned, running and registered with Velocity. */
  String runningGameServer(String token) throws Exception {
    JsonObject game = new JsonObject().put("type", "game").put("name", "gm-" + System.nanoTime() % 100000).put("variant", "vanilla")
        .put("plan", "game-4g");
    HttpResponse<String> created = node.send(token, "POST", "/api/instances", game);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
    String serverId = new JsonObject(created.body()).getString("serverId");
    eventually("game server " + serverId + " registered", () -> node.servers.serverPorts().directory().current().registeredGameServers().stream()
        .anyMatch(s -> s.serverId().equals(serverId)));
    return serverId;
  }

  /** Stops the container straight at Proxmox (behind the platform's back) and waits for the task. */
  void stopAtProxmox(int vmid) throws Exception {
    var proxmox = node.servers.serverPorts().runners().proxmox();
    proxmox.awaitTask(proxmox.stop(vmid).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS), Duration.ofSeconds(10))
        .toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
  }

  HttpResponse<String> post(String token, String path, JsonObject body) {
    try {
      return node.send(token, "POST", path, body);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  HttpResponse<String> get(String token, String path) {
    try {
      return node.send(token, "GET", path, null);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  JsonObject json(String token, String path) {
    HttpResponse<String> r = get(token, path);
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return new JsonObject(r.body());
  }

  static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as(what).isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  void close() throws Exception {
    node.close();
  }
}
