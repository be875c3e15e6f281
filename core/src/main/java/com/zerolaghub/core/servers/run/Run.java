package com.zerolaghub.core.servers.run;

import com.zerolaghub.core.command.CommandHandler;
import com.zerolaghub.core.infra.OutsideSystemException;
import com.zerolaghub.core.servers.PlannedAppend;
import com.zerolaghub.core.servers.ServerState;
import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.events.servers.ServerEvent.OperationEvent;
import com.zerolaghub.events.servers.ServerEvent.ProvisioningStepStarted;
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
  /**
   * The phase whose intent this run recorded together with the previous step's outcome and has
   * not acted on yet: its act records no intent again. Cleared when the log is read afresh (then
   * the intent counts as an earlier attempt, as after a crash).
   */
  private String intentRecordedFor;

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

  /** The state as last read or recorded by this run, or null when unknown. */
  CommandHandler.Loaded<ServerState> known() {
    return known;
  }

  /** Reads the state from the log. */
  Future<CommandHandler.Loaded<ServerState>> reload() {
    intentRecordedFor = null;
    return log.load(serverId).onSuccess(l -> known = l);
  }

  /** The next read goes to the log (after a write that bypassed {@link #record}). */
  void forget() {
    known = null;
    intentRecordedFor = null;
  }

  /**
   * An atomic write across streams (vmid claims, deletion). When it appended to this server's
   * stream at the known version, the state after it is known without reading the log; otherwise
   * (or when it failed) the next load reads the log.
   */
  Future<Void> appendAtomically(List<PlannedAppend> appends, EventMetadata metadata) {
    CommandHandler.Loaded<ServerState> base = known;
    known = null;
    intentRecordedFor = null;
    return log.appendAtomicallyOn(serverId, base, appends, metadata).onSuccess(after -> known = after).mapEmpty();
  }

  Future<ServerState> record(OperationEvent event) {
    return record(List.of(event));
  }

  /** Records {@code events} in order in one append. */
  Future<ServerState> record(List<OperationEvent> events) {
    CommandHandler.Loaded<ServerState> base = known;
    known = null; // unknown until this record's outcome is in
    intentRecordedFor = null;
    return log.recordOn(base, events, metadata.withCorrelation(events.get(0).operationId()))
        .map(after -> {
          known = after;
          return after.state();
        });
  }

  /** Whether {@code phase}'s intent is already recorded by this run (and not acted on); answers once. */
  private boolean takeRecordedIntent(String phase) {
    boolean recorded = phase.equals(intentRecordedFor);
    intentRecordedFor = null;
    return recorded;
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
    return act(s, phase, intent, action, outcome, failure, null);
  }

  /**
   * As above; {@code nextIntent} (when not null) gives the next step's intent from the state the
   * outcome leaves, or null, and that intent is appended with the outcome: one durable write
   * fewer per step, and a crash between the two records looks exactly like a crash after an intent.
   */
  <T> Future<Void> act(ServerState s, String phase, OperationEvent intent,
                       Function<ServerState, Future<T>> action,
                       BiFunction<ServerState, T, OperationEvent> outcome,
                       BiFunction<ServerState, StepFailed, OperationEvent> failure,
                       Function<ServerState, ProvisioningStepStarted> nextIntent) {
    checkInCharge();
    boolean alreadyRecorded = takeRecordedIntent(phase);
    Future<ServerState> ready = intent == null || alreadyRecorded ? Future.succeededFuture(s) : record(intent);
    return ready.compose(st -> {
      beforeAct(phase);
      return action.apply(st).compose(result -> {
        afterAct(phase);
        OperationEvent done = outcome.apply(st, result);
        ProvisioningStepStarted next = nextIntent == null ? null : nextIntent.apply(st.apply(done));
        if (next == null) return record(done);
        return record(List.of(done, next)).onSuccess(after -> intentRecordedFor = next.step().wireName());
      }).recover(err -> {
        StepFailed failed = err instanceof StepFailed f ? f
            : err instanceof OutsideSystemException ? StepFailed.of(phase, err) : null;
        return failed == null ? Future.failedFuture(err) : record(failure.apply(st, failed));
      });
    }).mapEmpty();
  }
}
