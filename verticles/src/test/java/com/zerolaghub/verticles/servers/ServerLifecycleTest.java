package com.zerolaghub.verticles.servers;

import static com.zerolaghub.verticles.servers.ServersNode.eventually;
import static com.zerolaghub.verticles.servers.ServersNode.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.core.infra.velocity.VelocityServer;
import com.zerolaghub.simulators.SimulatedContainer;
import com.zerolaghub.simulators.SimulatedDnsRecord;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("a server lives from create to delete over the HTTP API")
class ServerLifecycleTest {
  private static ServersNode node;

  @BeforeAll
  static void start() throws Exception {
    node = ServersNode.start();
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  @Test
  @DisplayName("a container migrated to another cluster node is found there and driven on it, never taken as destroyed")
  void migratedContainerIsAddressedOnItsNode() throws Exception {
    String user = ServersNode.newUser();
    JsonObject server = node.ready(user, ServersNode.dev("wanderer", false));
    String id = server.getString("serverId");
    int vmid = server.getInteger("vmid");
    node.operate(user, "POST", "/api/servers/" + id + "/host/stop");
    node.sims().proxmox().addNode("pve2");
    node.sims().proxmox().migrate(vmid, "pve2");

    node.operate(user, "POST", "/api/servers/" + id + "/host/start");
    assertThat(node.sims().proxmox().container(vmid)).get().satisfies(c -> assertThat(c.running()).isTrue());
    node.operate(user, "POST", "/api/servers/" + id + "/host/stop");
    node.operate(user, "DELETE", "/api/servers/" + id);
    assertThat(node.sims().proxmox().container(vmid)).as("destroyed on pve2").isEmpty();
  }

  @Test
  @DisplayName("on Proxmox VE 9.0 (no env option) a server becomes ready, and no Proxmox config reader sees its agent token")
  void agentTokenNeverPassesThroughProxmox() throws Exception {
    String user = ServersNode.newUser();
    JsonObject server = node.ready(user, ServersNode.dev("secretive", false));
    int vmid = server.getInteger("vmid");
    HttpResponse<String> config = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(node.sims().proxmox().apiBase() + "/nodes/"
                + node.sims().proxmox().node() + "/lxc/" + vmid + "/config"))
            .header("Authorization", node.sims().proxmoxAuthorization()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(config.statusCode()).isEqualTo(200);
    JsonObject data = json(config).getJsonObject("data");
    assertThat(data.containsKey("env")).as(data.encode()).isFalse();
    assertThat(data.encode()).doesNotContainIgnoringCase("token");
    assertThat(node.sims().proxmox().agent(vmid)).get()
        .satisfies(agent -> assertThat(agent.appliedConfig()).isNotNull());
  }

  @Test
  @DisplayName("a game server becomes ready and connectable with its SRV record and Velocity entry, and leaves nothing behind")
  void gameServerFromCreateToDelete() throws Exception {
    String user = ServersNode.newUser();
    HttpResponse<String> accepted = node.send(user, "POST", "/api/instances", ServersNode.game("survival"));
    assertThat(accepted.statusCode()).isEqualTo(202);
    String operationId = json(accepted).getString("operationId");
    String serverId = json(accepted).getString("serverId");
    assertThat(accepted.headers().firstValue("Location")).hasValue("/api/operations/" + operationId);

    JsonObject op = node.awaitFinished(user, operationId, 20);
    assertThat(op.getString("status")).as(op.encode()).isEqualTo("succeeded");
    assertThat(op.getString("type")).isEqualTo("provision");

    JsonObject server = json(node.get(user, "/api/servers/" + serverId));
    int vmid = server.getInteger("vmid");
    String slug = "survival-" + vmid;
    assertThat(server.getString("lifecycle")).isEqualTo("running");
    assertThat(server.getString("ownerId")).isEqualTo(user);
    assertThat(server.getString("connectAddress")).isEqualTo(slug + ".play.zerolaghub.test");
    assertThat(server.encode()).doesNotContain("agentToken").doesNotContain("127.");

    eventually("the game is running and connectable", 10, () -> {
      JsonObject status = json(node.get(user, "/api/servers/" + serverId + "/status"));
      assertThat(status.getBoolean("ready")).as(status.encode()).isTrue();
      assertThat(status.getBoolean("connectable")).as(status.encode()).isTrue();
      assertThat(status.getJsonObject("host").getString("state")).isEqualTo("running");
      assertThat(status.getJsonObject("agent").getString("state")).isEqualTo("reachable");
      assertThat(status.getJsonObject("game").getString("state")).isEqualTo("running");
      assertThat(status.getBoolean("operationInProgress")).isFalse();
    });
    assertThat(node.sims().cloudflare().records()).extracting(SimulatedDnsRecord::name)
        .contains("_minecraft._tcp." + slug + ".play.zerolaghub.test");
    assertThat(node.sims().velocity().registrations()).extracting(VelocityServer::name).contains(slug);
    eventually("the listing shows it", 5, () ->
        assertThat(json(node.get(user, "/api/servers")).getJsonArray("servers").encode()).contains(serverId).contains("\"running\""));

    HttpResponse<String> refused = node.send(user, "DELETE", "/api/servers/" + serverId, null);
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(json(refused).getString("detail")).isEqualTo("Please stop the host first");
    assertThat(node.sims().proxmox().container(vmid)).get().extracting(SimulatedContainer::running).isEqualTo(true);

    node.operate(user, "POST", "/api/servers/" + serverId + "/host/stop");
    assertThat(node.sims().proxmox().container(vmid)).get().extracting(SimulatedContainer::running).isEqualTo(false);
    JsonObject deleted = node.operate(user, "DELETE", "/api/servers/" + serverId);
    assertThat(deleted.getString("type")).isEqualTo("delete");

    assertThat(node.sims().proxmox().container(vmid)).isEmpty();
    assertThat(node.sims().cloudflare().records()).extracting(SimulatedDnsRecord::name).noneMatch(n -> n.contains(slug));
    assertThat(node.sims().velocity().registrations()).extracting(VelocityServer::name).doesNotContain(slug);
    assertThat(node.get(user, "/api/servers/" + serverId).statusCode()).isEqualTo(404);
    eventually("the listing drops it", 5, () ->
        assertThat(json(node.get(user, "/api/servers")).getJsonArray("servers").encode()).doesNotContain(serverId));
  }

  @Test
  @DisplayName("a dev server with code-server is routable while its host runs and gone after delete")
  void devServerWithCodeServer() throws Exception {
    String user = ServersNode.newUser();
    JsonObject server = node.ready(user, ServersNode.dev("api-lab", true));
    String serverId = server.getString("serverId");
    int vmid = server.getInteger("vmid");
    assertThat(server.getBoolean("codeServer")).isTrue();
    assertThat(server.containsKey("connectAddress")).isFalse();

    eventually("code-server runs and the server is connectable", 10, () -> {
      JsonObject status = json(node.get(user, "/api/servers/" + serverId + "/status"));
      assertThat(status.getBoolean("connectable")).as(status.encode()).isTrue();
      assertThat(status.getJsonObject("codeServer").getBoolean("running")).isTrue();
    });
    assertThat(node.sims().proxmox().agent(vmid).orElseThrow().codeServerRunning()).isTrue();
    eventually("the route table routes to it", 5, () -> assertThat(node.servers.serverPorts().routeTable().current().byVmid(vmid))
        .hasValueSatisfying(r -> {
          assertThat(r.serverId()).isEqualTo(serverId);
          assertThat(r.ownerId()).isEqualTo(user);
          assertThat(r.codeServer()).isTrue();
          assertThat(r.running()).isTrue();
          assertThat(r.address()).isEqualTo(node.sims().proxmox().address(vmid));
        }));
    assertThat(node.sims().cloudflare().records()).noneMatch(r -> r.name().contains("api-lab"));

    HttpResponse<String> stopCode = node.send(user, "POST", "/api/dev/" + serverId + "/codeserver/stop", null);
    assertThat(stopCode.statusCode()).as(stopCode.body()).isEqualTo(202);
    eventually("code-server stops", 5, () -> assertThat(node.sims().proxmox().agent(vmid).orElseThrow().codeServerRunning()).isFalse());
    assertThat(node.send(user, "POST", "/api/dev/" + serverId + "/codeserver/start", null).statusCode()).isEqualTo(202);

    node.operate(user, "POST", "/api/servers/" + serverId + "/host/stop");
    eventually("the route is marked not running", 5, () ->
        assertThat(node.servers.serverPorts().routeTable().current().byServerId(serverId)).hasValueSatisfying(r -> assertThat(r.running()).isFalse()));
    node.operate(user, "DELETE", "/api/servers/" + serverId);
    assertThat(node.sims().proxmox().container(vmid)).isEmpty();
    eventually("the route is gone", 5, () -> assertThat(node.servers.serverPorts().routeTable().current().byVmid(vmid)).isEmpty());
  }

  @Test
  @DisplayName("host restart stops then starts; a stopped host refuses agent calls; start brings it back")
  void hostPower() throws Exception {
    String user = ServersNode.newUser();
    JsonObject server = node.ready(user, ServersNode.game("power"));
    String id = server.getString("serverId");
    JsonObject restart = node.operate(user, "POST", "/api/servers/" + id + "/host/restart");
    assertThat(restart.getString("type")).isEqualTo("restart");
    node.operate(user, "POST", "/api/servers/" + id + "/host/stop");
    assertThat(json(node.get(user, "/api/servers/" + id)).getString("lifecycle")).isEqualTo("stopped");
    HttpResponse<String> refused = node.send(user, "POST", "/api/servers/" + id + "/game/start", null);
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(json(refused).getString("type")).endsWith("/host-not-running");
    node.operate(user, "POST", "/api/servers/" + id + "/host/start");
    assertThat(json(node.get(user, "/api/servers/" + id)).getString("lifecycle")).isEqualTo("running");
  }
}
