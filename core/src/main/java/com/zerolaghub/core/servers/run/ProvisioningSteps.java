package com.zerolaghub.core.servers.run;

import com.zerolaghub.core.command.CommandHandler;
import com.zerolaghub.core.infra.OutsideSystemException;
import com.zerolaghub.core.infra.agent.AgentConfigRequest;
import com.zerolaghub.core.infra.agent.AgentEndpoint;
import com.zerolaghub.core.infra.proxmox.ContainerLockedException;
import com.zerolaghub.core.infra.proxmox.ContainerNotFoundException;
import com.zerolaghub.core.infra.proxmox.ContainerResources;
import com.zerolaghub.core.infra.proxmox.ContainerRunningException;
import com.zerolaghub.core.infra.proxmox.Upid;
import com.zerolaghub.core.servers.ProvisioningRecords;
import com.zerolaghub.core.servers.ProvisioningSaga;
import com.zerolaghub.core.servers.ProvisioningStep;
import com.zerolaghub.core.servers.ProvisioningStep.AllocateVmid;
import com.zerolaghub.core.servers.ProvisioningStep.AwaitAgent;
import com.zerolaghub.core.servers.ProvisioningStep.AwaitCloneTask;
import com.zerolaghub.core.servers.ProvisioningStep.Clone;
import com.zerolaghub.core.servers.ProvisioningStep.GiveUp;
import com.zerolaghub.core.servers.ProvisioningStep.MarkReady;
import com.zerolaghub.core.servers.ProvisioningStep.PublishDns;
import com.zerolaghub.core.servers.AgentConfig;
import com.zerolaghub.core.servers.ProvisioningStep.PushAgentConfig;
import com.zerolaghub.core.servers.ProvisioningStep.RegisterVelocity;
import com.zerolaghub.core.servers.ProvisioningStep.SetResources;
import com.zerolaghub.core.servers.ProvisioningStep.StartContainer;
import com.zerolaghub.core.servers.ProvisioningStep.VerifyCloneOutcome;
import com.zerolaghub.core.servers.ServerState;
import com.zerolaghub.core.servers.ServerStreams;
import com.zerolaghub.core.servers.VmidClaim;
import com.zerolaghub.events.WrongExpectedVersionException;
import com.zerolaghub.events.servers.ProvisioningPhase;
import com.zerolaghub.events.servers.ServerEvent.OperationEvent;
import com.zerolaghub.events.servers.ServerEvent.ProvisioningStepStarted;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Carries out provisioning steps through the ports, as {@link ProvisioningSaga} decides them.
 * Repeatable steps retry transient failures until {@code stepRetry}; the clone is never
 * repeated blindly: a lock refusal (nothing done) waits, an unanswered request is checked
 * against the inventory, any other refusal fails the operation.
 */
final class ProvisioningSteps {
  private final ProvisioningSaga saga;
  private final RunnerPorts ports;
  private final RunnerSettings settings;
  private final AgentTokens tokens;
  private final Retry retry;
  private final EdgePublisher edge;

  ProvisioningSteps(ProvisioningSaga saga, RunnerPorts ports, RunnerSettings settings, AgentTokens tokens, Retry retry) {
    this.saga = saga;
    this.ports = ports;
    this.settings = settings;
    this.tokens = tokens;
    this.retry = retry;
    this.edge = new EdgePublisher(ports, settings);
  }

  /** Runs provisioning until it is done or failed. */
  Future<Void> run(Run run) {
    return run.load().compose(loaded -> {
      ProvisioningStep step = saga.next(loaded.state());
      if (step instanceof ProvisioningStep.Done || step instanceof ProvisioningStep.Failed) return Future.succeededFuture();
      return perform(run, loaded, step).compose(v -> run(run));
    });
  }

  private Future<Void> perform(Run run, CommandHandler.Loaded<ServerState> loaded, ProvisioningStep step) {
    ServerState s = loaded.state();
    if (step instanceof GiveUp g) return run.record(ProvisioningRecords.gaveUp(s, g, run.now())).mapEmpty();
    if (step instanceof MarkReady) return run.record(ProvisioningRecords.ready(s, run.now())).mapEmpty();
    if (step instanceof AllocateVmid) return allocate(run, loaded);
    if (step instanceof Clone c) return clone(run, s, c);
    if (step instanceof VerifyCloneOutcome v) {
      return run.act(s, v.phase().wireName(), null, st -> inInventory(v.vmid()),
          (st, present) -> ProvisioningRecords.cloneVerified(st, present,
              "CT " + v.vmid() + (present ? " is" : " is not") + " in the inventory", run.now()),
          failure(run, v.phase()), next(run));
    }
    if (step instanceof AwaitCloneTask a) {
      return run.act(s, a.phase().wireName(), null, st -> awaitClone(a),
          (st, v) -> ProvisioningRecords.cloneFinished(st, run.now()), failure(run, a.phase()), next(run));
    }
    if (step instanceof SetResources r) {
      return run.act(s, r.phase().wireName(), ProvisioningRecords.intent(s, r, run.now()),
          st -> repeat(() -> ports.proxmox().setResources(r.vmid(), new ContainerResources(r.cores(), r.memoryMib(), settings.swapMib())))
              .compose(v -> address(r.vmid())),
          (st, v) -> ProvisioningRecords.resourcesSet(st, run.now()), failure(run, r.phase()), next(run));
    }
    if (step instanceof StartContainer c) {
      return run.act(s, c.phase().wireName(), ProvisioningRecords.intent(s, c, run.now()),
          st -> repeat(() -> startIfStopped(c.vmid())).compose(v -> repeat(() -> ports.proxmox().containerAddress(c.vmid()))),
          (st, address) -> ProvisioningRecords.containerStarted(st, address, run.now()), failure(run, c.phase()), next(run));
    }
    if (step instanceof AwaitAgent a) {
      return run.act(s, a.phase().wireName(), null,
          // the token goes to the agent directly, never through Proxmox (docs/agent-token.md)
          st -> retry.poll(settings.agentWait(),
                  () -> ports.agents().claim(agent(st, a.address())).compose(v -> ports.agents().health(agent(st, a.address()))).map(v -> true),
                  Failures::transientFailure,
                  () -> new StepFailed("the agent of CT " + a.vmid() + " did not answer within " + seconds(settings.agentWait()), false))
              .recover(err -> Future.failedFuture(claimRefused(a.vmid(), err))),
          (st, v) -> ProvisioningRecords.agentReachable(st, run.now()), failure(run, a.phase()), next(run));
    }
    if (step instanceof PushAgentConfig p) {
      return run.act(s, p.phase().wireName(), ProvisioningRecords.intent(s, p, run.now()),
          st -> {
            String token = tokens.tokenFor(st.serverId());
            return repeat(() -> ports.agents().pushConfig(agent(st, p.address()), new AgentConfigRequest(token, settingsOf(p.config()))))
                .map(v -> AgentTokens.hash(token));
          },
          (st, hash) -> ProvisioningRecords.configPushed(st, hash, run.now()), failure(run, p.phase()), next(run));
    }
    if (step instanceof PublishDns d) {
      return run.act(s, d.phase().wireName(), ProvisioningRecords.intent(s, d, run.now()),
          st -> repeat(() -> edge.publishSrv(d.slug())),
          (st, id) -> ProvisioningRecords.dnsPublished(st, id, run.now()), failure(run, d.phase()), next(run));
    }
    if (step instanceof RegisterVelocity v) {
      return run.act(s, v.phase().wireName(), ProvisioningRecords.intent(s, v, run.now()),
          st -> repeat(() -> edge.register(v.name(), v.address(), v.port())),
          (st, x) -> ProvisioningRecords.velocityRegistered(st, run.now()), failure(run, v.phase()), next(run));
    }
    return Future.failedFuture(new IllegalStateException("no way to perform " + step));
  }

  /**
   * The next step's intent, from the state a step's outcome leaves, to append with that outcome;
   * null when the next step records none, or is the clone (a recorded clone intent without an
   * outcome means "look before cloning", which this run has no reason to do).
   */
  private Function<ServerState, ProvisioningStepStarted> next(Run run) {
    return after -> {
      ProvisioningStep step = saga.next(after);
      return step instanceof ProvisioningStep.Act a && a.recordsIntent() && !(step instanceof Clone)
          ? ProvisioningRecords.intent(after, a, run.now())
          : null;
    };
  }

  // ---- vmid -------------------------------------------------------------------------------

  /**
   * Takes Proxmox's next free id and claims it atomically with the step's outcome; when another
   * server of ours holds that id (claimed, not cloned yet), walks up, asking Proxmox about each
   * single id ({@code nextid?vmid=N}) instead of reading the whole inventory per create.
   * No intent: nothing outside changes.
   */
  private Future<Void> allocate(Run run, CommandHandler.Loaded<ServerState> loaded) {
    String phase = ProvisioningPhase.ALLOCATE_VMID.wireName();
    run.beforeAct(phase);
    return repeat(() -> ports.proxmox().nextId())
        .compose(next -> {
          run.afterAct(phase);
          return claim(run, loaded, next, false, 0);
        })
        .recover(err -> err instanceof OutsideSystemException || err instanceof StepFailed
            ? run.record(ProvisioningRecords.failed(loaded.state(), ProvisioningPhase.ALLOCATE_VMID,
                StepFailed.of(phase, err).getMessage(), false, run.now())).mapEmpty()
            : Future.failedFuture(err));
  }

  /** {@code askProxmox}: whether the candidate still needs Proxmox's word that it is free. */
  private Future<Void> claim(Run run, CommandHandler.Loaded<ServerState> loaded, int candidate, boolean askProxmox, int tries) {
    if (tries > 1000) return Future.failedFuture(new StepFailed("no free vmid found near " + candidate, false));
    Future<Boolean> freeInProxmox = askProxmox ? repeat(() -> ports.proxmox().vmidFree(candidate)) : Future.succeededFuture(true);
    return freeInProxmox.compose(free -> !free
        ? claim(run, loaded, candidate + 1, true, tries + 1)
        : run.log().read(ServerStreams.vmid(candidate)).compose(events -> {
          VmidClaim claim = VmidClaim.fold(candidate, events);
          if (!claim.free()) return claim(run, loaded, candidate + 1, true, tries + 1);
          run.checkInCharge();
          return run.appendAtomically(
                  ProvisioningRecords.vmidAllocated(loaded.state(), loaded.version(), claim, run.now()),
                  run.metadata().withCorrelation(loaded.state().operation().operationId()))
              .recover(err -> {
                if (!(err instanceof WrongExpectedVersionException)) return Future.failedFuture(err);
                // another server took the id, or another runner moved this server on: look again
                return run.load().compose(fresh -> fresh.state().provisioning().isCompleted(ProvisioningPhase.ALLOCATE_VMID)
                    || !fresh.state().operationInProgress()
                    ? Future.succeededFuture()
                    : claim(run, fresh, candidate + 1, true, tries + 1));
              });
        }));
  }

  // ---- clone ------------------------------------------------------------------------------

  /** What a clone attempt came to: the task started, or (after a lost answer) the container found. */
  private record CloneOutcome(Upid upid) {}

  private Future<Void> clone(Run run, ServerState s, Clone c) {
    return run.act(s, c.phase().wireName(), ProvisioningRecords.intent(s, c, run.now()),
        st -> retry.until(settings.stepRetry(),
                () -> ports.proxmox().cloneContainer(settings.placement().cloneRequest(c.templateVmid(), c.vmid(), c.hostname())),
                e -> e instanceof ContainerLockedException)
            .map(CloneOutcome::new)
            .recover(err -> cloneFailed(c, err)),
        (st, outcome) -> outcome.upid() != null
            ? ProvisioningRecords.cloneStarted(st, outcome.upid().value(), run.now())
            : ProvisioningRecords.cloneVerified(st, true,
                "no answer to the clone request, but CT " + c.vmid() + " is in the inventory", run.now()),
        failure(run, c.phase()));
  }

  /** Never a blind retry: look whether the container exists when the answer was lost, else fail. */
  private Future<CloneOutcome> cloneFailed(Clone c, Throwable err) {
    if (err instanceof ContainerLockedException) {
      return Future.failedFuture(new StepFailed("Proxmox kept the template CT " + c.templateVmid() + " locked for "
          + seconds(settings.stepRetry()) + " (" + Failures.describe(err) + "); nothing was cloned", false));
    }
    if (err instanceof OutsideSystemException o && o.outcomeUnknown()) {
      return inInventory(c.vmid())
          .recover(check -> Future.failedFuture(new IllegalStateException(
              "cannot tell whether CT " + c.vmid() + " was cloned: " + Failures.describe(check), check)))
          .compose(present -> present
              ? Future.succeededFuture(new CloneOutcome(null))
              : Future.failedFuture(new StepFailed("the clone request got no answer (" + Failures.describe(err)
                  + ") and CT " + c.vmid() + " is not in the inventory", false)));
    }
    String hint = String.valueOf(err.getMessage()).contains("Linked clone feature")
        ? " (the template's storage cannot make linked clones: set infra.cloneMode=full, and infra.cloneStorage to choose where)"
        : "";
    return Future.failedFuture(new StepFailed("Proxmox refused the clone: " + Failures.describe(err) + hint, false));
  }

  private Future<Void> awaitClone(AwaitCloneTask a) {
    if (a.upid() != null) {
      return ports.proxmox().awaitTask(Upid.parse(a.upid()), settings.taskTimeout())
          .<Void>mapEmpty()
          .recover(err -> Future.failedFuture(StepFailed.of("cloning CT " + a.vmid(), err)));
    }
    // found by verification: the clone is done once Proxmox lifts its lock
    return retry.poll(settings.taskTimeout(),
        () -> ports.proxmox().status(a.vmid()).map(st -> !st.locked()),
        Failures::transientFailure,
        () -> new StepFailed("CT " + a.vmid() + " stayed locked for " + seconds(settings.taskTimeout()), false));
  }

  /**
   * Gives the clone its own address: with a pool, {@code net0} with the vmid's address; with
   * DHCP, a check that the template did not hand every clone one fixed address.
   */
  private Future<Void> address(int vmid) {
    return repeat(() -> ports.proxmox().networkConfig(vmid)).compose(net0 -> {
      Optional<String> wanted;
      try {
        wanted = settings.placement().addressing().net0For(vmid, net0);
      } catch (IllegalArgumentException refused) {
        return Future.failedFuture(new StepFailed(refused.getMessage(), false));
      }
      return wanted.isEmpty() || wanted.get().equals(net0) ? Future.<Void>succeededFuture()
          : repeat(() -> ports.proxmox().setNetwork(vmid, wanted.get()));
    });
  }

  /** An agent holding another token was claimed by someone else first: never use that container. */
  private static Throwable claimRefused(int vmid, Throwable err) {
    if (err instanceof OutsideSystemException o && "already_claimed".equals(o.code())) {
      return new StepFailed("the agent of CT " + vmid + " already holds another token (claimed before the platform could): "
          + "the container is not trusted; delete the server", true);
    }
    return err;
  }

  /** Whether the container exists: the inventory, or, absent there (it omits what the token may not audit), the node's word. */
  private Future<Boolean> inInventory(int vmid) {
    return repeat(() -> ports.proxmox().inventory()).compose(inv -> inv.stream().anyMatch(e -> e.vmid() == vmid)
        ? Future.succeededFuture(true)
        : repeat(() -> ports.proxmox().status(vmid).map(st -> true)
            .recover(err -> err instanceof ContainerNotFoundException
                ? Future.succeededFuture(false) : Future.failedFuture(err))));
  }

  // ---- helpers ----------------------------------------------------------------------------

  private Future<Void> startIfStopped(int vmid) {
    return ports.proxmox().status(vmid).compose(status -> status.running()
        ? Future.<Void>succeededFuture()
        : ports.proxmox().start(vmid)
            .compose(upid -> ports.proxmox().awaitTask(upid, settings.taskTimeout()))
            .<Void>mapEmpty()
            .recover(err -> err instanceof ContainerRunningException ? Future.succeededFuture() : Future.failedFuture(err)));
  }

  private AgentEndpoint agent(ServerState s, String address) {
    return new AgentEndpoint(address, settings.agentPort(), tokens.tokenFor(s.serverId()));
  }

  /** The domain's config record as the agent's JSON keys; nulls left out. */
  static Map<String, Object> settingsOf(AgentConfig c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("serverId", c.serverId());
    m.put("containerType", c.containerType().wireName());
    m.put("name", c.name());
    if (c.variant() != null) m.put("variant", c.variant());
    if (c.memoryMib() != null) m.put("memoryMib", c.memoryMib());
    if (c.runtime() != null) m.put("runtime", c.runtime());
    if (c.version() != null) m.put("version", c.version());
    if (c.codeServer() != null) m.put("codeServer", c.codeServer());
    return m;
  }

  private <T> Future<T> repeat(Supplier<Future<T>> call) {
    return retry.until(settings.stepRetry(), call, Failures::transientFailure);
  }

  private static BiFunction<ServerState, StepFailed, OperationEvent> failure(Run run, ProvisioningPhase phase) {
    return (st, f) -> ProvisioningRecords.failed(st, phase, f.getMessage(), f.needsHuman(), run.now());
  }

  static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }
}
