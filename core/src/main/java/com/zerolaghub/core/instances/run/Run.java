package com.zerolaghub.core.instances.run;

import com.zerolaghub.core.command.CommandHandler;
import com.zerolaghub.core.infra.OutsideSystemException;
import com.zerolaghub.core.instances.PlannedAppend;
import com.zerolaghub.core.instances.ServerState;
import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.events.servers.ServerEvent.OperationEvent;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * One execution of one server's operation: how it reads and records, and the shape every step
 * with an outside effect has — intent, act, outcome — with a failure recorded in place of the
 * outcome when the act fails for good.
 */
final class Run {
  final String serverId;
  private final ServerLog log;
  private final EventMetadata metadata;
  private final BooleanSupplier inCharge;
  private final RunnerHooks hooks;
  private final Clock clock;
  /**
   * The server's state and version as this run last read or recorded them: each step decides on
   * it instead of reading the stream again. Every record still appends at this version, so
   * another writer's event is noticed there (and the stream read afresh).
   */
  private CommandHandler.Loaded<ServerState> known;

  Run(String serverId, ServerLog log, EventMetadata metadata, BooleanSupplier inCharge, RunnerHooks hooks, Clock clock) {
    this.serverId = serverId;
    this.log = log;
    this.metadata = metadata;
    this.inCharge = inCharge;
    this.hooks = hooks;
    this.clock = clock;
  }

  Instant now() {
    return clock.instant();
  }

  EventMetadata metadata() {
    return metadata;
  }

  ServerLog log() {
    return log;
  }

  /** The state as last read or recorded by this run; read from the log when unknown. */
  Future<CommandHandler.Loaded<ServerState>> load() {
    if (known != null) return Future.succeededFuture(known);
    return reload();
  }

  /** Reads the state from the log. */
  Future<CommandHandler.Loaded<ServerState>> reload() {
    return log.load(serverId).onSuccess(l -> known = l);
  }

  /** The next read goes to the log (after a write that bypassed {@link #record}). */
  void forget() {
    known = null;
  }

  /** An atomic write across streams (vmid claims, deletion); the next load reads the log. */
  Future<Void> appendAtomically(List<PlannedAppend> appends, EventMetadata metadata) {
    known = null;
    return log.appendAtomically(appends, metadata).onComplete(ar -> known = null);
  }

  Future<ServerState> record(OperationEvent event) {
    CommandHandler.Loaded<ServerState> base = known;
    known = null; // unknown until this record's outcome is in
    return log.recordOn(base, event, metadata.withCorrelation(event.operationId()))
        .map(after -> {
          known = after;
          return after.state();
        });
  }

  /** Before any outside effect: a worker that lost its lease or is stopping acts no more. */
  void checkInCharge() {
    if (!inCharge.getAsBoolean()) throw new RunnerStopped("this worker is no longer in charge");
  }

  void beforeAct(String phase) {
    checkInCharge();
    hooks.beforeAct(serverId, phase);
  }

  void afterAct(String phase) {
    hooks.afterAct(serverId, phase);
  }

  /**
   * Records {@code intent} (when not null), acts, records the outcome built from the act's
   * result. An outside system's failure (after the act's own retries) or a {@link StepFailed}
   * is recorded with {@code failure}; anything else (the log unreachable, the worker stopped)
   * leaves the step open for the next run to resume.
   */
  <T> Future<Void> act(ServerState s, String phase, OperationEvent intent,
                       Function<ServerState, Future<T>> action,
                       BiFunction<ServerState, T, OperationEvent> outcome,
                       BiFunction<ServerState, StepFailed, OperationEvent> failure) {
    checkInCharge();
    Future<ServerState> ready = intent == null ? Future.succeededFuture(s) : record(intent);
    return ready.compose(st -> {
      beforeAct(phase);
      return action.apply(st).compose(result -> {
        afterAct(phase);
        return record(outcome.apply(st, result));
      }).recover(err -> {
        StepFailed failed = err instanceof StepFailed f ? f
            : err instanceof OutsideSystemException ? StepFailed.of(phase, err) : null;
        return failed == null ? Future.failedFuture(err) : record(failure.apply(st, failed));
      });
    }).mapEmpty();
  }
}
