package com.zerolaghub.core.servers.run;

import com.zerolaghub.core.command.CommandHandler;
import com.zerolaghub.core.servers.OperationView;
import com.zerolaghub.core.servers.ProvisioningSaga;
import com.zerolaghub.core.servers.ProvisioningSettings;
import com.zerolaghub.core.servers.ServerState;
import com.zerolaghub.events.EventMetadata;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.function.BooleanSupplier;

/**
 * Runs a server's current operation (provisioning, host power or teardown) from wherever the
 * log says it stands to its end. Safe to call again at any time, also concurrently with a stale
 * runner: every step is decided from the log, and records of stale operations are refused.
 */
public final class OperationRunner implements OperationRun {
  /** What a run found: the operation it ran (null when none was in progress) and whether it ended. */
  public record Result(String operationId, boolean finished) {}

  private final Vertx vertx;
  private final ServerLog log;
  private final RunnerHooks hooks;
  private final Clock clock;
  private final ProvisioningSteps provisioning;
  private final HostPowerSteps hostPower;
  private final TeardownSteps teardown;

  public OperationRunner(Vertx vertx, ServerLog log, RunnerPorts ports, RunnerSettings settings,
                         ProvisioningSettings provisioningSettings, AgentTokens tokens, RunnerHooks hooks, Clock clock) {
    this.vertx = vertx;
    this.log = log;
    this.hooks = hooks;
    this.clock = clock;
    Retry retry = new Retry(vertx, settings.pollInitial(), settings.pollMax());
    this.provisioning = new ProvisioningSteps(new ProvisioningSaga(provisioningSettings), ports, settings, tokens, retry);
    this.hostPower = new HostPowerSteps(ports, settings, retry);
    this.teardown = new TeardownSteps(ports, settings, retry);
  }

  /**
   * Runs the current operation of {@code serverId}. {@code metadata} goes on every event
   * (the worker's fencing token); {@code inCharge} is asked before every outside effect and
   * stops the run ({@link RunnerStopped}) once false.
   */
  @Override
  public Future<Result> run(String serverId, EventMetadata metadata, BooleanSupplier inCharge) {
    Run run = new Run(serverId, log, metadata, inCharge, hooks, clock);
    return run.load().compose(loaded -> {
      OperationView op = loaded.state().operation();
      if (op == null || !op.inProgress()) {
        return Future.succeededFuture(new Result(op == null ? null : op.operationId(), op != null));
      }
      Future<Void> done;
      switch (op.type()) {
        case PROVISION:
          done = provisioning.run(run);
          break;
        case DELETE:
          done = teardown.run(run);
          break;
        default:
          done = hostPower.run(run);
      }
      // an end this run recorded is final (no later event reopens an operation): the log is read
      // again only when the run stopped without knowing of one
      return done.compose(v -> ended(run.known(), op) ? Future.succeededFuture(run.known()) : run.reload())
          .map(after -> new Result(op.operationId(), ended(after, op)));
    });
  }

  private static boolean ended(CommandHandler.Loaded<ServerState> loaded, OperationView op) {
    if (loaded == null) return false;
    OperationView now = loaded.state().operation();
    return now == null || !now.operationId().equals(op.operationId()) || !now.inProgress();
  }
}
