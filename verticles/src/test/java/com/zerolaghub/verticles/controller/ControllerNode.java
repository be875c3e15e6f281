package com.zerolaghub.verticles.controller;

import com.zerolaghub.verticles.runtime.ServerPortsFor;
import com.zerolaghub.core.servers.run.RunnerHooks;
import com.zerolaghub.events.testing.TestPostgres;
import com.zerolaghub.verticles.config.PlatformConfig;
import java.util.function.UnaryOperator;
import com.zerolaghub.verticles.config.ControllerConfig;
import com.zerolaghub.verticles.servers.HeaderAuthentication;
import com.zerolaghub.verticles.servers.ServersNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/** A servers node with the controller: fast passes, a short stuck threshold, suspensions set by the test. */
final class ControllerNode implements AutoCloseable {
  final ServersNode node;
  final ControllerCapability controller;
  final Set<String> suspended;

  private ControllerNode(ServersNode node, ControllerCapability controller, Set<String> suspended) {
    this.node = node;
    this.controller = controller;
    this.suspended = suspended;
  }

  static ControllerNode start(String level1, int stuckMs, RunnerHooks hooks) throws Exception {
    return start(TestPostgres.freshDatabase(), level1, stuckMs, hooks, c -> c);
  }

  /** On {@code db} (again, after a stop), with the configuration tweaked further (shared simulators). */
  static ControllerNode start(TestPostgres.Database db, String level1, int stuckMs, RunnerHooks hooks,
                              UnaryOperator<PlatformConfig> tweak) throws Exception {
    Set<String> suspended = ConcurrentHashMap.newKeySet();
    AtomicReference<ControllerCapability> ref = new AtomicReference<>();
    ServersNode node = ServersNode.start(db, hooks,
        c -> tweak.apply(c.with(b -> b.controller(ControllerConfig.builder().level1(level1)
            .leaseTtlMs(3_000).passIntervalMs(150).stuckOperationMs(stuckMs).build()))),
        (projections, servers) -> {
          ControllerCapability controller = new ControllerCapability(new HeaderAuthentication(), projections, ServerPortsFor.controller(servers.serverPorts()),
              suspended::contains, Clock.systemUTC());
          ref.set(controller);
          return List.of(controller);
        });
    return new ControllerNode(node, ref.get(), suspended);
  }

  JsonObject status() throws Exception {
    return ServersNode.json(node.asAdmin("GET", "/api/admin/controller", null));
  }

  JsonArray openFindings() throws Exception {
    return ServersNode.json(node.asAdmin("GET", "/api/admin/drift", null)).getJsonArray("open");
  }

  JsonArray clearedFindings() throws Exception {
    return ServersNode.json(node.asAdmin("GET", "/api/admin/drift", null)).getJsonArray("recentlyCleared");
  }

  JsonArray repairs() throws Exception {
    return ServersNode.json(node.asAdmin("GET", "/api/admin/repairs", null)).getJsonArray("repairs");
  }

  /** The open finding of this server and kind, or null. */
  JsonObject open(String serverId, String kind) throws Exception {
    for (Object o : openFindings()) {
      JsonObject f = (JsonObject) o;
      if (f.getString("serverId").equals(serverId) && f.getString("kind").equals(kind)) return f;
    }
    return null;
  }

  /** Repairs of this server and action, newest first. */
  List<JsonObject> repairsOf(String serverId, String action) throws Exception {
    return repairs().stream().map(o -> (JsonObject) o)
        .filter(r -> r.getString("serverId").equals(serverId) && r.getString("action").equals(action)).toList();
  }

  @Override
  public void close() throws Exception {
    node.close();
  }
}
