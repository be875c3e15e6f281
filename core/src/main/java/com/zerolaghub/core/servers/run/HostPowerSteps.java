package com.zerolaghub.core.servers.run;

import com.zerolaghub.core.infra.proxmox.ContainerNotRunningException;
import com.zerolaghub.core.infra.proxmox.ContainerRunningException;
import com.zerolaghub.core.servers.HostPowerRecords;
import com.zerolaghub.core.servers.HostPowerSaga;
import com.zerolaghub.core.servers.HostStep;
import com.zerolaghub.core.servers.ServerState;
import com.zerolaghub.events.servers.HostState;
import io.vertx.core.Future;
import java.util.function.Supplier;

/**
 * Carries out host power actions: a clean shutdown (hard stop after the grace time) or a start,
 * each checked against the container's status first so a resumed action never repeats a done
 * change. Restart is stop, then start.
 */
final class HostPowerSteps {
  private final HostPowerSaga saga = new HostPowerSaga();
  private final RunnerPorts ports;
  private final RunnerSettings settings;
  private final Retry retry;

  HostPowerSteps(RunnerPorts ports, RunnerSettings settings, Retry retry) {
    this.ports = ports;
    this.settings = settings;
    this.retry = retry;
  }

  Future<Void> run(Run run) {
    return run.load().compose(loaded -> {
      ServerState s = loaded.state();
      HostStep step = saga.next(s);
      if (step instanceof HostStep.Done) return Future.succeededFuture();
      Future<Void> done;
      if (step instanceof HostStep.StopHost stop) {
        done = run.act(s, HostStep.STOP_PHASE, null, st -> repeat(() -> stopIfRunning(stop.vmid())),
            (st, v) -> HostPowerRecords.reached(st, HostState.STOPPED, run.now()),
            (st, f) -> HostPowerRecords.failed(st, f.getMessage(), null, run.now()));
      } else if (step instanceof HostStep.StartHost start) {
        done = run.act(s, HostStep.START_PHASE, null, st -> repeat(() -> startIfStopped(start.vmid())),
            (st, v) -> HostPowerRecords.reached(st, HostState.RUNNING, run.now()),
            (st, f) -> HostPowerRecords.failed(st, f.getMessage(), null, run.now()));
      } else {
        done = run.record(HostPowerRecords.completed(s, (HostStep.CompleteHostAction) step, run.now())).mapEmpty();
      }
      return done.compose(v -> run(run));
    });
  }

  private Future<Void> stopIfRunning(int vmid) {
    return ports.proxmox().status(vmid).compose(status -> !status.running()
        ? Future.<Void>succeededFuture()
        : ports.proxmox().shutdown(vmid, settings.shutdownGrace())
            .compose(upid -> ports.proxmox().awaitTask(upid, settings.taskTimeout().plus(settings.shutdownGrace())))
            .<Void>mapEmpty()
            .recover(err -> err instanceof ContainerNotRunningException ? Future.succeededFuture() : Future.failedFuture(err)));
  }

  private Future<Void> startIfStopped(int vmid) {
    return ports.proxmox().status(vmid).compose(status -> status.running()
        ? Future.<Void>succeededFuture()
        : ports.proxmox().start(vmid)
            .compose(upid -> ports.proxmox().awaitTask(upid, settings.taskTimeout()))
            .<Void>mapEmpty()
            .recover(err -> err instanceof ContainerRunningException ? Future.succeededFuture() : Future.failedFuture(err)));
  }

  private <T> Future<T> repeat(Supplier<Future<T>> call) {
    return retry.until(settings.stepRetry(), call, Failures::transientFailure);
  }
}
