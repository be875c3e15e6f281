package com.zerolaghub.verticles.controller;

import com.zerolaghub.core.command.CommandHandler;
import com.zerolaghub.core.command.Rejection;
import com.zerolaghub.core.servers.Requester;
import com.zerolaghub.core.servers.ServerCommand;
import com.zerolaghub.core.servers.ServerDecider;
import com.zerolaghub.core.controller.RepairAction;
import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.events.EventStore;
import com.zerolaghub.events.NewEvent;
import com.zerolaghub.events.StreamId;
import com.zerolaghub.events.WrongExpectedVersionException;
import com.zerolaghub.events.controller.RepairEvent.RepairFailed;
import com.zerolaghub.events.controller.RepairEvent.RepairRunRequested;
import com.zerolaghub.events.controller.RepairEvent.RepairStarted;
import com.zerolaghub.events.controller.RepairEvent.RepairSucceeded;
import com.zerolaghub.events.servers.HostAction;
import com.zerolaghub.projections.MemoryView;
import com.zerolaghub.projections.controller.DriftBoard;
import com.zerolaghub.verticles.http.ProblemException;
import com.zerolaghub.verticles.http.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.UUID;

/**
 * An administrator runs one planned repair, of any level, once, with a reason. The claim
 * ({@code repair-run/<repairId>}, "no stream" expected) is what makes it once; the repair's
 * started/succeeded/failed events then name the administrator as their actor and the claim as their
 * cause. Level 1 runs through the repair worker's own steps; level 2 (host power) as a host
 * action of the administrator's, level 3 (reprovision) as a provisioning operation from the clone
 * on, on the server's own vmid; the operations worker carries both out and records them. The
 * controller itself still never runs level 2 or 3.
 */
final class RepairsByHand {
  private final EventStore store;
  private final RepairActions actions;
  private final CommandHandler commands;
  private final MemoryView<DriftBoard> board;
  private final RepairWorker worker;
  private final Clock clock;

  RepairsByHand(EventStore store, RepairActions actions, CommandHandler commands, MemoryView<DriftBoard> board, RepairWorker worker, Clock clock) {
    this.store = store;
    this.actions = actions;
    this.commands = commands;
    this.board = board;
    this.worker = worker;
    this.clock = clock;
  }

  /** Answers the repair as it ended: status succeeded or failed, and its detail. */
  Future<JsonObject> run(String repairId, String adminId, String reason, String requestId) {
    DriftBoard.Repair r = board.current().repair(repairId);
    if (r == null) return Future.failedFuture(new ProblemException(ProblemType.NOT_FOUND, "no planned repair " + repairId));
    if (!"planned".equals(r.status())) {
      return Future.failedFuture(new ProblemException(ProblemType.CONFLICT,
          "repair " + repairId + " is " + r.status() + "; only a planned repair runs by hand"));
    }
    RepairAction action = RepairAction.fromWire(r.action());
    EventMetadata asAdmin = new EventMetadata("user:" + adminId, requestId, null, null, null, null);
    NewEvent claim = NewEvent.of(new RepairRunRequested(repairId, r.serverId(), r.action(), r.level(), adminId, reason,
        clock.instant()), asAdmin);
    EventMetadata caused = asAdmin.withCausation(claim.eventId().toString());
    return actions.runClaimed(repairId, claim)
        .recover(err -> Future.failedFuture(err instanceof WrongExpectedVersionException
            ? new ProblemException(ProblemType.CONFLICT, "repair " + repairId + " was already run by hand") : err))
        .compose(claimed -> action.level() == 1 ? levelOne(r, caused)
            : action == RepairAction.REPROVISION ? reprovision(r, adminId, reason, caused)
            : hostPower(r, action, adminId, caused))
        .map(v -> {
          DriftBoard.Repair now = board.current().repair(repairId);
          return new JsonObject().put("repairId", repairId).put("serverId", r.serverId()).put("action", r.action())
              .put("level", r.level()).put("status", v.getString("status")).put("detail", v.getString("detail"))
              .put("operationId", v.getString("operationId")).put("boardStatus", now == null ? null : now.status());
        });
  }

  private Future<JsonObject> levelOne(DriftBoard.Repair r, EventMetadata metadata) {
    return worker.runByHand(r, metadata).compose(ran -> {
      if (!ran) {
        return Future.failedFuture(new ProblemException(ProblemType.CONFLICT, "the repair worker started repair " + r.repairId()
            + " first"));
      }
      return outcome(r.repairId());
    });
  }

  /** The outcome the worker recorded (version 3 of the repair stream). */
  private Future<JsonObject> outcome(String repairId) {
    return store.readStream(StreamId.of("repair", repairId)).map(events -> {
      var last = events.get(events.size() - 1);
      JsonObject payload = new JsonObject(last.payload());
      boolean ok = last.type().equals("repair.succeeded");
      return new JsonObject().put("status", ok ? "succeeded" : "failed")
          .put("detail", ok ? payload.getString("detail") : payload.getString("reason"));
    });
  }

  /** Start, restart or stop the host as the administrator's own host action; the operation's events tell how it went. */
  private Future<JsonObject> hostPower(DriftBoard.Repair r, RepairAction action, String adminId, EventMetadata metadata) {
    HostAction power = action == RepairAction.START_HOST ? HostAction.START
        : action == RepairAction.RESTART_HOST ? HostAction.RESTART : HostAction.STOP;
    String operationId = UUID.randomUUID().toString();
    return asOperation(r, new ServerCommand.RequestHostAction(new Requester(adminId, true), power, operationId, clock.instant()),
        "host " + power.wireName() + " requested as operation " + operationId, operationId, metadata);
  }

  /**
   * Level 3: the vanished container is set up again on its vmid, as a provisioning operation the
   * operations worker carries out from the clone on (its events tell how it went).
   */
  private Future<JsonObject> reprovision(DriftBoard.Repair r, String adminId, String reason, EventMetadata metadata) {
    String operationId = UUID.randomUUID().toString();
    return asOperation(r, new ServerCommand.RequestReprovision(new Requester(adminId, true), operationId, reason, clock.instant()),
        "container set up again as operation " + operationId, operationId, metadata);
  }

  /** Records the repair started, asks the server for {@code command}'s operation, and records the repair's outcome. */
  private Future<JsonObject> asOperation(DriftBoard.Repair r, ServerCommand command, String detail, String operationId,
                                         EventMetadata metadata) {
    return actions.started(new RepairStarted(r.repairId(), r.serverId(), r.action(), clock.instant()), metadata)
        .recover(err -> Future.failedFuture(err instanceof WrongExpectedVersionException
            ? new ProblemException(ProblemType.CONFLICT, "repair " + r.repairId() + " was withdrawn or started meanwhile") : err))
        .compose(started -> commands.handle(ServerDecider.stream(r.serverId()), new ServerDecider(), command,
                metadata.withCorrelation(operationId))
            .compose(appended -> {
              return actions.succeeded(new RepairSucceeded(r.repairId(), r.serverId(), r.action(), detail, clock.instant()),
                      metadata)
                  .map(x -> new JsonObject().put("status", "succeeded").put("detail", detail).put("operationId", operationId));
            }, err -> {
              String why = err instanceof Rejection rejection ? rejection.getMessage() : String.valueOf(err.getMessage());
              return actions.failed(new RepairFailed(r.repairId(), r.serverId(), r.action(), why, clock.instant()), metadata)
                  .map(x -> new JsonObject().put("status", "failed").put("detail", why));
            }));
  }
}
