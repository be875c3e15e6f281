package com.zerolaghub.verticles.controller;

import com.zerolaghub.core.servers.run.EdgePublisher;
import com.zerolaghub.core.controller.RepairAction;
import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.events.FencedOutException;
import com.zerolaghub.events.WrongExpectedVersionException;
import com.zerolaghub.events.controller.RepairEvent.RepairFailed;
import com.zerolaghub.events.controller.RepairEvent.RepairStarted;
import com.zerolaghub.events.controller.RepairEvent.RepairSucceeded;
import com.zerolaghub.events.servers.ContainerKind;
import com.zerolaghub.events.servers.HostState;
import com.zerolaghub.events.servers.ServerEvent.OperationMarkedStale;
import com.zerolaghub.projections.MemoryView;
import com.zerolaghub.projections.controller.DriftBoard;
import com.zerolaghub.projections.servers.ServerDirectory;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one live level-1 repair taken from the {@link RepairQueue}, recording started → succeeded or failed on the repair's stream (versions 2 and 3, so two
 * workers never both record one). Both repairs are safe to repeat, so one a crashed leader
 * left started is simply run again. Neither deletes anything.
 */
final class RepairWorker {
  private static final Logger log = LoggerFactory.getLogger(RepairWorker.class);

  private final Vertx vertx;
  private final RepairActions actions;
  private final MemoryView<DriftBoard> board;
  private final MemoryView<ServerDirectory> directory;
  private final EdgePublisher edge;
  private final int gamePort;
  private final Duration stuckAfter;
  private final Clock clock;

  RepairWorker(Vertx vertx, RepairActions actions, MemoryView<DriftBoard> board, MemoryView<ServerDirectory> directory, EdgePublisher edge,
               int gamePort, Duration stuckAfter, Clock clock) {
    this.vertx = vertx;
    this.actions = actions;
    this.board = board;
    this.directory = directory;
    this.edge = edge;
    this.gamePort = gamePort;
    this.stuckAfter = stuckAfter;
    this.clock = clock;
  }

  /**
   * Runs the repair the queue named, once the board here knows it (it was planned on another
   * node a moment ago); answers whether this call finished it. Finished, unknown or dry-run
   * repairs are skipped.
   */
  Future<Boolean> run(String repairId) {
    return known(repairId, 50).compose(r -> {
      if (r == null || !r.pending()) return Future.succeededFuture(false);
      return one(r, EventMetadata.system("system:repair-worker"));
    });
  }

  /**
   * Runs a level-1 repair now for an administrator (see {@link RepairsByHand}); its events carry
   * {@code metadata}. Answers false when another worker recorded its start first.
   */
  Future<Boolean> runByHand(DriftBoard.Repair r, EventMetadata metadata) {
    return one(r, metadata);
  }

  /** The repair as the board has it, waiting up to {@code tries} × 100 ms for the board to catch up. */
  private Future<DriftBoard.Repair> known(String repairId, int tries) {
    DriftBoard.Repair r = board.current().repair(repairId);
    if (r != null || tries <= 0) return Future.succeededFuture(r);
    Promise<DriftBoard.Repair> later = Promise.promise();
    vertx.setTimer(100, t -> known(repairId, tries - 1).onComplete(later));
    return later.future();
  }

  private Future<Boolean> one(DriftBoard.Repair r, EventMetadata metadata) {
    Future<Void> started = "started".equals(r.status()) ? Future.succeededFuture()
        : actions.started(new RepairStarted(r.repairId(), r.serverId(), r.action(), clock.instant()), metadata);
    return started.compose(v -> execute(r, metadata)
            .compose(detail -> actions.succeeded(
                new RepairSucceeded(r.repairId(), r.serverId(), r.action(), detail, clock.instant()), metadata))
            .recover(err -> {
              if (err instanceof WrongExpectedVersionException || err instanceof FencedOutException) {
                return Future.failedFuture(err);
              }
              log.warn("repair {} ({}) of server {} failed: {}", r.repairId(), r.action(), r.serverId(), err.getMessage());
              return actions.failed(
                  new RepairFailed(r.repairId(), r.serverId(), r.action(), String.valueOf(err.getMessage()), clock.instant()),
                  metadata);
            }))
        .map(x -> {
          log.info("repair {} ({}) of server {} finished", r.repairId(), r.action(), r.serverId());
          return true;
        })
        .recover(err -> {
          if (err instanceof WrongExpectedVersionException) return Future.succeededFuture(false); // another worker has it
          return Future.failedFuture(err);
        });
  }

  private Future<String> execute(DriftBoard.Repair r, EventMetadata metadata) {
    RepairAction action = RepairAction.fromWire(r.action());
    switch (action) {
      case EDGE_REPUBLISH:
        return republish(r.serverId());
      case CLEAR_STALE_OPERATION_LOCK:
        return clearStale(r, metadata);
      default:
        return Future.failedFuture(new IllegalStateException(r.action() + " is planned only; no worker runs it"));
    }
  }

  /** The SRV record and the Velocity registration, through provisioning's own calls. */
  private Future<String> republish(String serverId) {
    Optional<ServerDirectory.Server> found = directory.current().server(serverId);
    if (found.isEmpty() || !found.get().provisioned() || found.get().vmid() == null) {
      return Future.failedFuture(new IllegalStateException("server " + serverId + " is not provisioned any more"));
    }
    ServerDirectory.Server s = found.get();
    if (s.kind() != ContainerKind.GAME) return Future.failedFuture(new IllegalStateException("not a game server"));
    return edge.publishSrv(s.slug()).compose(recordId -> {
      boolean register = s.velocityRegistered() && s.hostState() == HostState.RUNNING && s.address() != null;
      if (!register) return Future.succeededFuture("SRV record " + recordId + " in place");
      return edge.register(s.slug(), s.address(), gamePort)
          .map(v -> "SRV record " + recordId + " in place; registered with Velocity as " + s.slug());
    });
  }

  /** Ends the server's open operation as stale if it is still open and still quiet. */
  private Future<String> clearStale(DriftBoard.Repair r, EventMetadata metadata) {
    Instant now = clock.instant();
    Optional<ServerDirectory.Operation> open = directory.current().openOperations().stream()
        .filter(op -> op.serverId().equals(r.serverId())).findFirst();
    if (open.isEmpty()) return Future.succeededFuture("the operation had already ended; nothing to clear");
    ServerDirectory.Operation op = open.get();
    Duration quiet = Duration.between(op.lastEventAt(), now);
    if (quiet.compareTo(stuckAfter) <= 0) {
      return Future.failedFuture(new IllegalStateException("operation " + op.operationId() + " made progress "
          + quiet.toSeconds() + " s ago; not stale any more"));
    }
    String reason = "stale: no progress for " + quiet.toMinutes() + " min; ended by repair " + r.repairId()
        + " (clear_stale_operation_lock)";
    return actions.markedStale(new OperationMarkedStale(r.serverId(), op.operationId(), reason, r.repairId(), now), metadata)
        .map(x -> "operation " + op.operationId() + " marked stale; the server takes new operations");
  }
}
