package com.zerolaghub.core.servers.run;

import com.zerolaghub.core.command.CommandHandler;
import com.zerolaghub.core.infra.dns.SrvRecord;
import com.zerolaghub.core.infra.proxmox.ContainerNotFoundException;
import com.zerolaghub.core.infra.velocity.VelocityServer;
import com.zerolaghub.core.servers.OwnerSlots;
import com.zerolaghub.core.servers.ServerDecider;
import com.zerolaghub.core.servers.ServerState;
import com.zerolaghub.core.servers.ServerStreams;
import com.zerolaghub.core.servers.TeardownRecords;
import com.zerolaghub.core.servers.TeardownSaga;
import com.zerolaghub.core.servers.TeardownStep;
import com.zerolaghub.core.servers.TeardownStep.DeregisterVelocity;
import com.zerolaghub.core.servers.TeardownStep.DestroyContainer;
import com.zerolaghub.core.servers.TeardownStep.MarkDeleted;
import com.zerolaghub.core.servers.TeardownStep.RemoveDns;
import com.zerolaghub.core.servers.TeardownStep.VerifyGone;
import com.zerolaghub.core.servers.VmidClaim;
import com.zerolaghub.events.WrongExpectedVersionException;
import com.zerolaghub.events.servers.ServerEvent.OperationEvent;
import com.zerolaghub.events.servers.TeardownPhase;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Carries out a teardown: every removal is checked after it is done (a second look at the
 * outside system) and recorded with how it was checked; the container is never stopped here —
 * a running one fails the step with the failsafe's message.
 */
final class TeardownSteps {
  private final TeardownSaga saga = new TeardownSaga();
  private final RunnerPorts ports;
  private final RunnerSettings settings;
  private final Retry retry;

  TeardownSteps(RunnerPorts ports, RunnerSettings settings, Retry retry) {
    this.ports = ports;
    this.settings = settings;
    this.retry = retry;
  }

  Future<Void> run(Run run) {
    return run.load().compose(loaded -> {
      TeardownStep step = saga.next(loaded.state());
      if (step instanceof TeardownStep.Done || step instanceof TeardownStep.Failed) return Future.succeededFuture();
      return perform(run, loaded, step).compose(v -> run(run));
    });
  }

  private Future<Void> perform(Run run, CommandHandler.Loaded<ServerState> loaded, TeardownStep step) {
    ServerState s = loaded.state();
    if (step instanceof MarkDeleted) return markDeleted(run, loaded, 0);
    if (step instanceof DeregisterVelocity d) {
      return run.act(s, d.phase().wireName(), TeardownRecords.intent(s, d, run.now()),
          st -> repeat(() -> ports.velocity().deregister(d.name()).compose(x -> velocityKnows(d.name())))
              .compose(known -> known ? still("Velocity still lists " + d.name()) : Future.succeededFuture()),
          (st, v) -> TeardownRecords.completed(st, d.phase(), "Velocity lists no server named " + d.name(), run.now()),
          failure(run, d.phase()));
    }
    if (step instanceof RemoveDns r) {
      String name = settings.srvName(r.slug());
      return run.act(s, r.phase().wireName(), TeardownRecords.intent(s, r, run.now()),
          st -> repeat(() -> removeSrv(name, r.dnsRecordId()))
              .compose(left -> left.isEmpty() ? Future.succeededFuture() : still("the SRV record " + name + " is still published")),
          (st, v) -> TeardownRecords.completed(st, r.phase(), "no SRV record named " + name, run.now()),
          failure(run, r.phase()));
    }
    if (step instanceof DestroyContainer c) {
      return run.act(s, c.phase().wireName(), TeardownRecords.intent(s, c, run.now()),
          st -> repeat(() -> destroy(c.vmid())).compose(v -> repeat(() -> inInventory(c.vmid())))
              .compose(present -> present ? still("CT " + c.vmid() + " is still in the inventory") : Future.succeededFuture()),
          (st, v) -> TeardownRecords.completed(st, c.phase(), "CT " + c.vmid() + " is not in the inventory", run.now()),
          failure(run, c.phase()));
    }
    if (step instanceof VerifyGone v) {
      return run.act(s, v.phase().wireName(), null, st -> repeat(() -> leftovers(v)).compose(left -> left.isEmpty()
              ? Future.succeededFuture() : still("still present after teardown: " + String.join(", ", left))),
          (st, x) -> TeardownRecords.completed(st, v.phase(), "checked again: nothing left", run.now()),
          failure(run, v.phase()));
    }
    return Future.failedFuture(new IllegalStateException("no way to perform " + step));
  }

  /** The server, its quota slot and its vmid go together; a moved stream means read again. */
  private Future<Void> markDeleted(Run run, CommandHandler.Loaded<ServerState> loaded, int attempt) {
    ServerState s = loaded.state();
    run.checkInCharge();
    Future<VmidClaim> claim = s.vmid() == null ? Future.succeededFuture(null)
        : run.log().read(ServerStreams.vmid(s.vmid())).map(events -> VmidClaim.fold(s.vmid(), events));
    return claim.compose(c -> run.log().read(ServerStreams.ownerServers(s.ownerId())).compose(slots ->
            run.appendAtomically(TeardownRecords.deleted(s, loaded.version(), OwnerSlots.fold(slots), c, run.now()),
                run.metadata().withCorrelation(s.operation().operationId()))))
        .recover(err -> err instanceof WrongExpectedVersionException && attempt < 20
            ? run.load().compose(fresh -> fresh.state().exists() && fresh.state().operationInProgress()
                ? markDeleted(run, fresh, attempt + 1) : Future.succeededFuture())
            : Future.failedFuture(err));
  }

  private Future<Boolean> velocityKnows(String name) {
    return ports.velocity().list().map(list -> list.stream().map(VelocityServer::name).anyMatch(name::equals));
  }

  /** Deletes every SRV record of the name (and the recorded id); answers what a second look still finds. */
  private Future<List<SrvRecord>> removeSrv(String name, String recordedId) {
    return ports.dns().findSrv(name).compose(found -> {
      Set<String> ids = new LinkedHashSet<>();
      found.forEach(r -> ids.add(r.id()));
      if (recordedId != null) ids.add(recordedId);
      List<Future<Boolean>> deletes = new ArrayList<>();
      for (String id : ids) deletes.add(ports.dns().deleteRecord(id));
      return Future.all(deletes);
    }).compose(v -> ports.dns().findSrv(name));
  }

  private Future<Void> destroy(int vmid) {
    return inInventory(vmid).compose(present -> {
      if (!present) return Future.<Void>succeededFuture();
      return ports.proxmox().status(vmid).compose(status -> {
        if (status.running()) {
          return Future.<Void>failedFuture(new StepFailed(ServerDecider.HOST_RUNNING_MESSAGE + " (CT " + vmid + " is running)", false));
        }
        return ports.proxmox().delete(vmid)
            .compose(upid -> ports.proxmox().awaitTask(upid, settings.taskTimeout()))
            .<Void>mapEmpty();
      });
    }).recover(err -> err instanceof ContainerNotFoundException ? Future.succeededFuture() : Future.failedFuture(err));
  }

  private Future<List<String>> leftovers(VerifyGone v) {
    List<String> left = new ArrayList<>();
    Future<Void> container = v.vmid() == null ? Future.succeededFuture()
        : inInventory(v.vmid()).map(p -> {
          if (p) left.add("CT " + v.vmid());
          return null;
        });
    Future<Void> dns = v.dnsSlug() == null ? Future.succeededFuture()
        : ports.dns().findSrv(settings.srvName(v.dnsSlug())).map(found -> {
          if (!found.isEmpty()) left.add("SRV record " + settings.srvName(v.dnsSlug()));
          return null;
        });
    Future<Void> velocity = v.velocityName() == null ? Future.succeededFuture()
        : velocityKnows(v.velocityName()).map(k -> {
          if (k) left.add("Velocity entry " + v.velocityName());
          return null;
        });
    return Future.all(container, dns, velocity).map(x -> left);
  }

  /**
   * Whether the container exists. The inventory alone cannot say "gone": it leaves out guests the
   * token may not audit. Absent there, the node's own answer decides ("does not exist" = gone; a
   * permission refusal fails the step with Proxmox's reason, the container is never taken as gone).
   */
  private Future<Boolean> inInventory(int vmid) {
    return ports.proxmox().inventory().compose(inv -> inv.stream().anyMatch(e -> e.vmid() == vmid)
        ? Future.succeededFuture(true)
        : ports.proxmox().status(vmid).map(st -> true)
            .recover(err -> err instanceof ContainerNotFoundException ? Future.succeededFuture(false) : Future.failedFuture(err)));
  }

  private static <T> Future<T> still(String what) {
    return Future.failedFuture(new StepFailed(what, true));
  }

  private <T> Future<T> repeat(Supplier<Future<T>> call) {
    return retry.until(settings.stepRetry(), call, Failures::transientFailure);
  }

  private static BiFunction<ServerState, StepFailed, OperationEvent> failure(Run run, TeardownPhase phase) {
    return (st, f) -> TeardownRecords.failed(st, phase, f.getMessage(), f.needsHuman(), run.now());
  }
}
