package com.zerolaghub.verticles.servers;

import com.zerolaghub.core.infra.OutsideSystemException;
import com.zerolaghub.core.infra.agent.AgentBackup;
import com.zerolaghub.core.infra.agent.AgentEndpoint;
import com.zerolaghub.core.infra.agent.AgentStatus;
import com.zerolaghub.core.infra.agent.CrashReport;
import com.zerolaghub.core.infra.agent.GameState;
import com.zerolaghub.core.infra.proxmox.ContainerStatus;
import com.zerolaghub.core.servers.LifecycleState;
import com.zerolaghub.core.servers.ServerState;
import com.zerolaghub.events.servers.ContainerKind;
import com.zerolaghub.events.servers.ServerSpec;
import com.zerolaghub.events.servers.TeardownPhase;
import com.zerolaghub.verticles.http.ProblemException;
import com.zerolaghub.verticles.http.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code GET /api/servers/:id/status} (R2.5): the recorded state joined with what Proxmox and
 * the agent say right now, each asked with a short deadline. An outside system that does not
 * answer is reported as such (never an error of the whole request): the portal shows
 * "agent unreachable", not a failure.
 */
final class ServerStatusProbe {
  private final ServerApi api;
  private final ServerHistory history;

  ServerStatusProbe(ServerApi api, ServerHistory history) {
    this.api = api;
    this.history = history;
  }

  /**
   * A server's live status as {@code GET /api/servers/{id}/status} answers it (host, agent, game,
   * last crash), for the operators' triage; fails with 404 when the server does not exist.
   */
  Future<JsonObject> liveStatus(String serverId) {
    return api.log().load(serverId).compose(loaded -> {
      if (loaded.version() == 0) {
        return Future.failedFuture(new ProblemException(ProblemType.NOT_FOUND, "no server " + serverId));
      }
      return probe(loaded.state());
    });
  }

  Future<JsonObject> probe(ServerState s) {
    long timeout = api.config().servers().statusTimeoutMs();
    Future<ContainerStatus> host = s.vmid() == null || s.teardown().isCompleted(TeardownPhase.DESTROY_CONTAINER)
        ? Future.succeededFuture(null)
        : api.ports().proxmox().status(s.vmid()).timeout(timeout, TimeUnit.MILLISECONDS);
    Future<AgentStatus> agent = s.address() == null || s.agentTokenHash() == null
        ? Future.succeededFuture(null)
        : api.ports().agents().status(endpoint(s)).timeout(timeout, TimeUnit.MILLISECONDS);
    Future<ServerHistory.Summary> past = history.of(s.serverId());
    Future<List<AgentBackup>> backups = past.compose(h -> h.lastBackup() == null || !"accepted".equals(h.lastBackup().state())
            || s.address() == null || s.agentTokenHash() == null
        ? Future.succeededFuture(null)
        : api.ports().agents().listBackups(endpoint(s)).timeout(timeout, TimeUnit.MILLISECONDS));
    return Future.join(host, agent, backups).transform(ignored -> {
      JsonObject json = render(s, host, agent);
      if (past.succeeded()) addHistory(json, past.result(), agent.succeeded() ? agent.result() : null,
          backups.succeeded() ? backups.result() : null);
      return Future.succeededFuture(json);
    });
  }

  private AgentEndpoint endpoint(ServerState s) {
    return new AgentEndpoint(s.address(), api.config().infra().agentPort(), api.tokens().tokenFor(s.serverId()));
  }

  /**
   * Last backup and restore with their state and time, and the last failure with its reason.
   * The log says what was asked and whether the agent took it; the agent says how its own work went.
   */
  private static void addHistory(JsonObject json, ServerHistory.Summary h, AgentStatus agent, List<AgentBackup> backups) {
    JsonObject backup = null;
    if (h.lastBackup() != null) {
      ServerHistory.Action b = h.lastBackup();
      String state = b.state();
      Instant at = b.answeredAt() != null ? b.answeredAt() : b.requestedAt();
      if ("accepted".equals(state) && backups != null) {
        AgentBackup onAgent = backups.stream().filter(x -> x.backupId().equals(b.backupId())).findFirst().orElse(null);
        if (onAgent != null) {
          state = onAgent.state();
          if (onAgent.createdAt() != null) at = onAgent.createdAt();
        }
      }
      backup = action(b, state, at);
    }
    JsonObject restore = null;
    if (h.lastRestore() != null) {
      ServerHistory.Action r = h.lastRestore();
      String state = r.state();
      if ("accepted".equals(state) && agent != null) {
        state = agent.backup() != null && "restoring".equals(agent.backup().state()) ? "running" : "completed";
      }
      restore = action(r, state, r.answeredAt() != null ? r.answeredAt() : r.requestedAt());
    }
    json.put("lastBackup", backup).put("lastRestore", restore);
    ServerHistory.Failure f = h.lastFailure();
    json.put("lastFailure", f == null ? null : new JsonObject().put("what", f.what()).put("phase", f.phase())
        .put("reason", f.reason()).put("at", f.at().toString()));
  }

  private static JsonObject action(ServerHistory.Action a, String state, Instant at) {
    return new JsonObject().put("backupId", a.backupId()).put("state", state)
        .put("requestedAt", a.requestedAt().toString()).put("at", at.toString()).put("reason", a.reason());
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
      boolean wantsCode = s.spec() instanceof ServerSpec.Dev d && d.codeServer();
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
    if (e instanceof TimeoutException) {
      return "no answer in time";
    }
    if (e instanceof OutsideSystemException o) {
      return o.status() == 0 ? o.code() : "status " + o.status() + " (" + o.code() + ")";
    }
    return e.getClass().getSimpleName();
  }
}
