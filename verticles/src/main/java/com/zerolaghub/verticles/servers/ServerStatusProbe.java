package com.zerolaghub.verticles.servers;

import com.zerolaghub.core.infra.OutsideSystemException;
import com.zerolaghub.core.infra.agent.AgentEndpoint;
import com.zerolaghub.core.infra.agent.AgentStatus;
import com.zerolaghub.core.infra.agent.CrashReport;
import com.zerolaghub.core.infra.agent.GameState;
import com.zerolaghub.core.infra.proxmox.ContainerStatus;
import com.zerolaghub.core.instances.LifecycleState;
import com.zerolaghub.core.instances.ServerState;
import com.zerolaghub.events.servers.ContainerKind;
import com.zerolaghub.events.servers.TeardownPhase;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /api/servers/:id/status} (R2.5): the recorded state joined with what Proxmox and
 * the agent say right now, each asked with a short deadline. An outside system that does not
 * answer is reported as such (never an error of the whole request): the portal shows
 * "agent unreachable", not a failure.
 */
final class ServerStatusProbe {
  private final ServerApi api;

  ServerStatusProbe(ServerApi api) {
    this.api = api;
  }

  Future<JsonObject> probe(ServerState s) {
    long timeout = api.config().servers().statusTimeoutMs();
    Future<ContainerStatus> host = s.vmid() == null || s.teardown().isCompleted(TeardownPhase.DESTROY_CONTAINER)
        ? Future.succeededFuture(null)
        : api.ports().proxmox().status(s.vmid()).timeout(timeout, TimeUnit.MILLISECONDS);
    Future<AgentStatus> agent = s.address() == null || s.agentTokenHash() == null
        ? Future.succeededFuture(null)
        : api.ports().agents().status(new AgentEndpoint(s.address(), api.config().infra().agentPort(), api.tokens().tokenFor(s.serverId())))
            .timeout(timeout, TimeUnit.MILLISECONDS);
    return Future.join(host, agent).transform(ignored -> Future.succeededFuture(render(s, host, agent)));
  }

  private JsonObject render(ServerState s, Future<ContainerStatus> host, Future<AgentStatus> agent) {
    JsonObject json = new JsonObject().put("serverId", s.serverId()).put("lifecycle", s.lifecycle().wireName());

    boolean hostRunning;
    JsonObject hostJson = new JsonObject();
    if (host.succeeded() && host.result() != null) {
      ContainerStatus c = host.result();
      hostRunning = c.running();
      hostJson.put("state", c.running() ? "running" : "stopped").put("reachable", true).put("uptimeSeconds", c.uptimeSeconds());
    } else {
      hostRunning = false;
      hostJson.put("state", s.hostState().wireName()).put("reachable", !host.failed());
      if (host.failed()) hostJson.put("error", "Proxmox did not answer: " + reason(host.cause()));
    }
    json.put("host", hostJson);

    JsonObject agentJson = new JsonObject();
    AgentStatus a = agent.succeeded() ? agent.result() : null;
    if (a != null) {
      agentJson.put("state", "reachable").put("version", a.agentVersion()).put("provisioningComplete", a.provisioningComplete());
    } else if (agent.failed()) {
      agentJson.put("state", agent.cause() instanceof OutsideSystemException o && o.status() == 401 ? "unauthorized" : "unreachable")
          .put("error", reason(agent.cause()));
    } else {
      agentJson.put("state", "not-set-up");
    }
    json.put("agent", agentJson);

    if (s.kind() == ContainerKind.GAME) {
      JsonObject game = new JsonObject();
      if (a != null && a.game() != null) {
        game.put("state", a.game().state().wire()).put("uptimeSeconds", a.game().uptimeSeconds())
            .put("restartBackoffSeconds", a.game().restartBackoffSeconds());
      } else {
        game.put("state", "unknown");
      }
      json.put("game", game);
    } else if (a != null && a.codeServer() != null) {
      json.put("codeServer", new JsonObject().put("installed", a.codeServer().installed()).put("running", a.codeServer().running()));
    }

    boolean ready = s.lifecycle() == LifecycleState.RUNNING && hostRunning && a != null && a.provisioningComplete();
    boolean connectable;
    if (s.kind() == ContainerKind.GAME) {
      connectable = ready && a.game() != null && a.game().state() == GameState.RUNNING && s.velocityRegistered() && s.dnsRecordId() != null;
    } else {
      boolean wantsCode = s.spec() instanceof com.zerolaghub.events.servers.ServerSpec.Dev d && d.codeServer();
      connectable = ready && (!wantsCode || (a.codeServer() != null && a.codeServer().running()));
    }
    json.put("ready", ready).put("connectable", connectable);
    boolean inProgress = s.operationInProgress();
    json.put("operationInProgress", inProgress);
    json.put("operationType", inProgress ? s.operation().type().wireName() : null);
    CrashReport crash = a == null || a.game() == null ? null : a.game().lastCrash();
    json.put("lastCrash", crash == null ? null : crash(crash));
    return json;
  }

  private static JsonObject crash(CrashReport c) {
    JsonObject json = new JsonObject()
        .put("at", c.at() == null ? null : c.at().toString())
        .put("exitCode", c.exitCode())
        .put("signal", c.signal())
        .put("uptimeSeconds", c.uptimeSeconds())
        .put("classification", c.classification().wire())
        .put("logTail", new JsonArray(c.logTail()));
    return json;
  }

  private static String reason(Throwable e) {
    if (e instanceof java.util.concurrent.TimeoutException) {
      return "no answer in time";
    }
    if (e instanceof OutsideSystemException o) {
      return o.status() == 0 ? o.code() : "status " + o.status() + " (" + o.code() + ")";
    }
    return e.getClass().getSimpleName();
  }
}
