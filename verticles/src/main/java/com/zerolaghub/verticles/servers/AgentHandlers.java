package com.zerolaghub.verticles.servers;

import com.zerolaghub.core.infra.agent.AgentBackup;
import com.zerolaghub.core.infra.agent.AgentFileEntry;
import com.zerolaghub.core.infra.agent.AgentPort;
import com.zerolaghub.core.servers.AgentAction;
import com.zerolaghub.core.servers.Requester;
import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.verticles.http.FieldError;
import com.zerolaghub.verticles.http.ProblemException;
import com.zerolaghub.verticles.http.ProblemType;
import com.zerolaghub.verticles.http.ValidatedRequests;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.validation.RequestParameter;
import java.util.List;

/**
 * Game power and console commands (R2.6), files (R2.7), world backups (R2.8) and code-server
 * power (R2.10), all through the server's agent.
 */
final class AgentHandlers {
  private final AgentCalls agent;
  private final AgentPort port;

  AgentHandlers(AgentCalls agent, AgentPort port) {
    this.agent = agent;
    this.port = port;
  }

  /** An administrator's optional reason rides as the causation ("admin: <reason>"), as for host power. */
  void game(RoutingContext ctx, AgentAction action) {
    String serverId = ValidatedRequests.pathParam(ctx, "serverId");
    Requester requester = Callers.requester(ctx);
    EventMetadata metadata = Callers.metadata(ctx);
    JsonObject body = ValidatedRequests.body(ctx);
    String reason = body == null ? null : body.getString("reason");
    if (requester.admin() && reason != null && !reason.isBlank()) metadata = metadata.withCausation("admin: " + reason.strip());
    agent.act(requester, metadata, serverId, action, null, endpoint -> switch (action) {
      case GAME_START -> port.startGame(endpoint);
      case GAME_STOP -> port.stopGame(endpoint);
      default -> port.restartGame(endpoint);
    }, null).onComplete(ar -> accepted(ctx, ar.cause(), new JsonObject().put("action", action.wireName())));
  }

  void command(RoutingContext ctx) {
    String serverId = ValidatedRequests.pathParam(ctx, "serverId");
    String command = ValidatedRequests.body(ctx).getString("command");
    // the command text is not recorded: it may hold anything the customer typed
    agent.act(Callers.requester(ctx), Callers.metadata(ctx), serverId, AgentAction.GAME_COMMAND, null,
            endpoint -> port.sendCommand(endpoint, command), null)
        .onComplete(ar -> accepted(ctx, ar.cause(), new JsonObject().put("action", AgentAction.GAME_COMMAND.wireName())));
  }

  void codeServer(RoutingContext ctx) {
    String serverId = ValidatedRequests.pathParam(ctx, "serverId");
    String wire = ValidatedRequests.pathParam(ctx, "action");
    AgentAction action = switch (wire) {
      case "start" -> AgentAction.CODESERVER_START;
      case "stop" -> AgentAction.CODESERVER_STOP;
      case "restart" -> AgentAction.CODESERVER_RESTART;
      default -> throw new ProblemException(ProblemType.NOT_FOUND, "no such code-server action");
    };
    agent.act(Callers.requester(ctx), Callers.metadata(ctx), serverId, action, null, endpoint -> switch (action) {
      case CODESERVER_START -> port.startCodeServer(endpoint);
      case CODESERVER_STOP -> port.stopCodeServer(endpoint);
      default -> port.restartCodeServer(endpoint);
    }, null).onComplete(ar -> accepted(ctx, ar.cause(), new JsonObject().put("action", action.wireName())));
  }

  void listFiles(RoutingContext ctx) {
    String serverId = ValidatedRequests.pathParam(ctx, "serverId");
    String path = path(ctx, "/");
    agent.read(Callers.requester(ctx), serverId, endpoint -> port.listFiles(endpoint, path)).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      JsonArray entries = new JsonArray();
      for (AgentFileEntry e : ar.result()) {
        JsonObject json = new JsonObject().put("name", e.name()).put("type", e.directory() ? "directory" : "file").put("size", e.size());
        if (e.modified() != null) json.put("modified", e.modified().toString());
        entries.add(json);
      }
      ctx.json(new JsonObject().put("path", path).put("entries", entries));
    });
  }

  void readFile(RoutingContext ctx) {
    String serverId = ValidatedRequests.pathParam(ctx, "serverId");
    String path = path(ctx, null);
    agent.read(Callers.requester(ctx), serverId, endpoint -> port.readFile(endpoint, path)).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      ctx.response().putHeader("Content-Type", "application/octet-stream").end(ar.result());
    });
  }

  void createBackup(RoutingContext ctx) {
    String serverId = ValidatedRequests.pathParam(ctx, "serverId");
    agent.act(Callers.requester(ctx), Callers.metadata(ctx), serverId, AgentAction.BACKUP_CREATE, null,
            endpoint -> port.createBackup(endpoint), id -> id)
        .onComplete(ar -> accepted(ctx, ar.cause(), ar.succeeded() ? new JsonObject().put("backupId", ar.result()) : null));
  }

  void listBackups(RoutingContext ctx) {
    String serverId = ValidatedRequests.pathParam(ctx, "serverId");
    agent.read(Callers.requester(ctx), serverId, endpoint -> port.listBackups(endpoint)).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      JsonArray list = new JsonArray();
      for (AgentBackup b : ar.result()) {
        list.add(new JsonObject().put("backupId", b.backupId())
            .put("createdAt", b.createdAt() == null ? null : b.createdAt().toString())
            .put("sizeBytes", b.sizeBytes()).put("state", b.state()));
      }
      ctx.json(new JsonObject().put("backups", list));
    });
  }

  /** Audited: the restore request and its outcome are events on the server's stream. */
  void restoreBackup(RoutingContext ctx) {
    String serverId = ValidatedRequests.pathParam(ctx, "serverId");
    String backupId = ValidatedRequests.pathParam(ctx, "backupId");
    agent.act(Callers.requester(ctx), Callers.metadata(ctx), serverId, AgentAction.BACKUP_RESTORE, backupId,
            endpoint -> port.restoreBackup(endpoint, backupId), null)
        .onComplete(ar -> accepted(ctx, ar.cause(), new JsonObject().put("backupId", backupId)));
  }

  private static void accepted(RoutingContext ctx, Throwable failure, JsonObject body) {
    if (failure != null) {
      ctx.fail(failure);
      return;
    }
    ctx.response().setStatusCode(202);
    ctx.json(body == null ? new JsonObject() : body);
  }

  /**
   * The {@code path} query parameter; the agent confines paths to the server root, but a
   * {@code ..} segment is refused here already, before anything is sent.
   */
  static String path(RoutingContext ctx, String fallback) {
    RequestParameter p = ValidatedRequests.query(ctx, "path");
    String path = p == null || p.isNull() ? fallback : p.getString();
    if (path == null) throw new ProblemException(ProblemType.VALIDATION, "path is required", List.of(new FieldError("path", "is required")));
    checkPath(path);
    return path;
  }

  static void checkPath(String path) {
    for (String segment : path.replace('\\', '/').split("/")) {
      if (segment.equals("..")) {
        throw new ProblemException(ProblemType.VALIDATION, "paths stay inside the server's folder",
            List.of(new FieldError("path", "must not contain '..'")));
      }
    }
    if (path.indexOf('\0') >= 0) {
      throw new ProblemException(ProblemType.VALIDATION, "invalid path", List.of(new FieldError("path", "must not contain NUL")));
    }
  }
}
