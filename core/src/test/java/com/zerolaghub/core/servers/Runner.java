package com.zerolaghub.core.servers;

import com.zerolaghub.events.servers.ServerEvent;
import com.zerolaghub.events.servers.ServerSpec;
import com.zerolaghub.events.servers.HostAction;
import com.zerolaghub.events.servers.HostState;

import com.zerolaghub.core.servers.ProvisioningStep.AllocateVmid;
import com.zerolaghub.core.servers.ProvisioningStep.AwaitAgent;
import com.zerolaghub.core.servers.ProvisioningStep.AwaitCloneTask;
import com.zerolaghub.core.servers.ProvisioningStep.Clone;
import com.zerolaghub.core.servers.ProvisioningStep.MarkReady;
import com.zerolaghub.core.servers.ProvisioningStep.PublishDns;
import com.zerolaghub.core.servers.ProvisioningStep.PushAgentConfig;
import com.zerolaghub.core.servers.ProvisioningStep.RegisterVelocity;
import com.zerolaghub.core.servers.ProvisioningStep.SetResources;
import com.zerolaghub.core.servers.ProvisioningStep.StartContainer;
import com.zerolaghub.core.servers.ProvisioningStep.VerifyCloneOutcome;
import com.zerolaghub.events.servers.ServerEvent.OperationEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Plays a runner against the pure domain in tests: creates servers, records intents and the
 * outcomes outside systems would answer with, through the decider as a real runner would.
 */
final class Runner {
  static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  static final String OWNER = "7c1e5d2a-0000-4000-8000-00000000beef";
  static final int VMID = 10234;
  static final String ADDRESS = "10.20.0.34";
  static final String UPID = "UPID:pve1:0000A1B2:00C3D4E5:67400000:vzclone:9000:zlh@pve!api:";
  static final ServerSpec.Game GAME = new ServerSpec.Game("survival", "vanilla", "game-4g");
  static final ServerSpec.Dev DEV = new ServerSpec.Dev("api-lab", "python", "3.12", true);

  final ServerDecider decider = new ServerDecider();
  final ProvisioningSaga saga = new ProvisioningSaga(ProvisioningSettings.defaults());
  final Catalog catalog = Catalog.defaults();
  /** Every server-stream event this runner applied, in order. */
  final List<ServerEvent> log = new ArrayList<>();
  private int clock;

  Instant now() {
    return T0.plusSeconds(++clock);
  }

  /** A freshly requested server: the server stream's part of a planned create. */
  ServerState requested(ServerSpec spec) {
    var c = new CreateServer(OWNER, "starter", null, spec, "srv-" + spec.name(), "op-create-" + spec.name(), now());
    var planned = Creation.plan(c, OwnerSlots.EMPTY, catalog, QuotaPolicy.defaults());
    PlannedAppend serverPart = planned.appends().stream()
        .filter(a -> a.stream().type().equals(ServerStreams.SERVER)).findFirst().orElseThrow();
    return apply(ServerState.NONE, serverPart.events());
  }

  /** Records through the decider, as a runner does with CommandHandler. */
  ServerState record(ServerState s, OperationEvent e) {
    return apply(s, decider.decide(new ServerCommand.Record(e), s));
  }

  ServerState apply(ServerState s, List<ServerEvent> events) {
    for (ServerEvent e : events) s = decider.evolve(s, e);
    log.addAll(events);
    return s;
  }

  /** The intent only: the runner crashed before it acted or before it recorded the outcome. */
  ServerState crashAfterIntent(ServerState s, ProvisioningStep step) {
    if (step instanceof ProvisioningStep.Act a && a.recordsIntent()) return record(s, ProvisioningRecords.intent(s, a, now()));
    return s;
  }

  /** Performs one step the way it succeeds against healthy outside systems. */
  ServerState perform(ServerState s, ProvisioningStep step) {
    if (step instanceof ProvisioningStep.Act a && a.recordsIntent()) s = record(s, ProvisioningRecords.intent(s, a, now()));
    if (step instanceof AllocateVmid) {
      var appends = ProvisioningRecords.vmidAllocated(s, 1, VmidClaim.neverClaimed(VMID), now());
      return apply(s, appends.get(1).events());
    }
    if (step instanceof Clone) return record(s, ProvisioningRecords.cloneStarted(s, UPID, now()));
    if (step instanceof VerifyCloneOutcome) return record(s, ProvisioningRecords.cloneVerified(s, true, "CT 10234 in inventory", now()));
    if (step instanceof AwaitCloneTask) return record(s, ProvisioningRecords.cloneFinished(s, now()));
    if (step instanceof SetResources) return record(s, ProvisioningRecords.resourcesSet(s, now()));
    if (step instanceof StartContainer) return record(s, ProvisioningRecords.containerStarted(s, ADDRESS, now()));
    if (step instanceof AwaitAgent) return record(s, ProvisioningRecords.agentReachable(s, now()));
    if (step instanceof PushAgentConfig) return record(s, ProvisioningRecords.configPushed(s, sha256("agent-secret"), now()));
    if (step instanceof PublishDns) return record(s, ProvisioningRecords.dnsPublished(s, "cf-rec-1", now()));
    if (step instanceof RegisterVelocity) return record(s, ProvisioningRecords.velocityRegistered(s, now()));
    if (step instanceof MarkReady) return record(s, ProvisioningRecords.ready(s, now()));
    throw new IllegalArgumentException("nothing to perform for " + step);
  }

  /** Walks provisioning to its end. */
  ServerState provisioned(ServerSpec spec) {
    ServerState s = requested(spec);
    for (ProvisioningStep step = saga.next(s); !(step instanceof ProvisioningStep.Done); step = saga.next(s)) {
      s = perform(s, step);
    }
    return s;
  }

  /** Runs the current host action to completion. */
  ServerState runHostAction(ServerState s) {
    HostPowerSaga power = new HostPowerSaga();
    for (HostStep step = power.next(s); !(step instanceof HostStep.Done); step = power.next(s)) {
      if (step instanceof HostStep.StopHost) s = record(s, HostPowerRecords.reached(s, HostState.STOPPED, now()));
      else if (step instanceof HostStep.StartHost) s = record(s, HostPowerRecords.reached(s, HostState.RUNNING, now()));
      else s = record(s, HostPowerRecords.completed(s, (HostStep.CompleteHostAction) step, now()));
    }
    return s;
  }

  ServerState hostAction(ServerState s, HostAction action, String operationId) {
    return apply(s, decider.decide(new ServerCommand.RequestHostAction(Requester.customer(OWNER), action, operationId, now()), s));
  }

  ServerState stopped(ServerSpec spec) {
    return runHostAction(hostAction(provisioned(spec), HostAction.STOP, "op-stop"));
  }

  static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
