package com.zerolaghub.core.servers;

import com.zerolaghub.events.servers.ServerEvent;
import com.zerolaghub.events.servers.ProvisioningPhase;

import com.zerolaghub.core.servers.ProvisioningStep.Act;
import com.zerolaghub.core.servers.ProvisioningStep.Clone;
import com.zerolaghub.core.servers.ProvisioningStep.PublishDns;
import com.zerolaghub.core.servers.ProvisioningStep.PushAgentConfig;
import com.zerolaghub.core.servers.ProvisioningStep.RegisterVelocity;
import com.zerolaghub.events.servers.ServerEvent.ProvisioningFailed;
import com.zerolaghub.events.servers.ServerEvent.ProvisioningStepCompleted;
import com.zerolaghub.events.servers.ServerEvent.ProvisioningStepStarted;
import com.zerolaghub.events.servers.ServerEvent.ProvisioningStepVerified;
import com.zerolaghub.events.servers.ServerEvent.ServerReady;
import com.zerolaghub.events.servers.ServerEvent.VmidClaimed;
import com.zerolaghub.events.ExpectedVersion;
import java.time.Instant;
import java.util.List;

/**
 * The events a provisioning runner records around each step, built from the state it folded.
 * Apart from the vmid allocation (an atomic two-stream write), each is recorded through
 * {@code ServerDecider} with {@code ServerCommand.Record}, which refuses stale operations and
 * drops duplicates.
 */
public final class ProvisioningRecords {
  private ProvisioningRecords() {}

  /** The intent recorded before an {@link Act} whose {@code recordsIntent()} is true. */
  public static ProvisioningStepStarted intent(ServerState s, Act step, Instant now) {
    if (!step.recordsIntent()) throw new IllegalArgumentException(step + " records no intent");
    Integer templateVmid = null;
    String hostname = null;
    String address = null;
    String slug = null;
    if (step instanceof Clone c) {
      templateVmid = c.templateVmid();
      hostname = c.hostname();
    } else if (step instanceof PushAgentConfig p) {
      address = p.address();
    } else if (step instanceof PublishDns d) {
      slug = d.slug();
    } else if (step instanceof RegisterVelocity v) {
      slug = v.name();
      address = v.address();
    }
    return new ProvisioningStepStarted(s.serverId(), opId(s), step.phase(), s.vmid(), templateVmid, hostname, address, slug, now);
  }

  /**
   * The vmid claim and the allocation outcome, for {@code appendAtomically}: {@code vmid/<n>}
   * at the claim's read version and the server stream at {@code serverVersion}. A conflict on
   * the vmid stream means another server took n: try n+1.
   */
  public static List<PlannedAppend> vmidAllocated(ServerState s, long serverVersion, VmidClaim claim, Instant now) {
    if (!claim.free()) throw new IllegalArgumentException("vmid " + claim.vmid() + " is held by " + claim.holder());
    return List.of(
        new PlannedAppend(ServerStreams.vmid(claim.vmid()), claim.expected(), List.of(new VmidClaimed(s.serverId(), claim.vmid(), now))),
        new PlannedAppend(ServerStreams.server(s.serverId()), ExpectedVersion.exactly(serverVersion),
            List.of(completed(s, ProvisioningPhase.ALLOCATE_VMID, claim.vmid(), null, null, null, null, now))));
  }

  /** Proxmox accepted the clone and answered with its task id. */
  public static ProvisioningStepCompleted cloneStarted(ServerState s, String upid, Instant now) {
    return completed(s, ProvisioningPhase.CLONE, null, upid, null, null, null, now);
  }

  /** The answer to {@link ProvisioningStep.VerifyCloneOutcome}: whether the inventory holds the vmid. */
  public static ProvisioningStepVerified cloneVerified(ServerState s, boolean containerExists, String detail, Instant now) {
    return new ProvisioningStepVerified(s.serverId(), opId(s), ProvisioningPhase.CLONE, containerExists, detail, now);
  }

  public static ProvisioningStepCompleted cloneFinished(ServerState s, Instant now) {
    return completed(s, ProvisioningPhase.AWAIT_CLONE, null, null, null, null, null, now);
  }

  public static ProvisioningStepCompleted resourcesSet(ServerState s, Instant now) {
    return completed(s, ProvisioningPhase.SET_RESOURCES, null, null, null, null, null, now);
  }

  /** The container runs; {@code address} is its private address (from its network config). */
  public static ProvisioningStepCompleted containerStarted(ServerState s, String address, Instant now) {
    if (address == null || address.isBlank()) throw new IllegalArgumentException("a started container needs an address");
    return completed(s, ProvisioningPhase.START_CONTAINER, null, null, address, null, null, now);
  }

  public static ProvisioningStepCompleted agentReachable(ServerState s, Instant now) {
    return completed(s, ProvisioningPhase.AWAIT_AGENT, null, null, null, null, null, now);
  }

  /** The config was accepted; {@code agentTokenHash} is the SHA-256 of the token it carried, never the token. */
  public static ProvisioningStepCompleted configPushed(ServerState s, String agentTokenHash, Instant now) {
    if (agentTokenHash == null || !agentTokenHash.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("expected a SHA-256 hex hash of the agent token");
    }
    return completed(s, ProvisioningPhase.PUSH_CONFIG, null, null, null, null, agentTokenHash, now);
  }

  public static ProvisioningStepCompleted dnsPublished(ServerState s, String dnsRecordId, Instant now) {
    return completed(s, ProvisioningPhase.PUBLISH_DNS, null, null, null, dnsRecordId, null, now);
  }

  public static ProvisioningStepCompleted velocityRegistered(ServerState s, Instant now) {
    return completed(s, ProvisioningPhase.REGISTER_VELOCITY, null, null, null, null, null, now);
  }

  public static ServerReady ready(ServerState s, Instant now) {
    return new ServerReady(s.serverId(), opId(s), now);
  }

  /**
   * A step failed. {@code needsHuman}: something may be left outside that no automatic step will
   * fix (e.g. a clone task failed half-way).
   */
  public static ProvisioningFailed failed(ServerState s, ProvisioningPhase step, String reason, boolean needsHuman, Instant now) {
    return new ProvisioningFailed(s.serverId(), opId(s), step, reason, needsHuman, now);
  }

  /** What to record for {@link ProvisioningStep.GiveUp}. */
  public static ProvisioningFailed gaveUp(ServerState s, ProvisioningStep.GiveUp giveUp, Instant now) {
    return failed(s, giveUp.step(), giveUp.reason(), true, now);
  }

  private static ProvisioningStepCompleted completed(ServerState s, ProvisioningPhase step, Integer vmid, String upid,
                                                     String address, String dnsRecordId, String tokenHash, Instant now) {
    return new ProvisioningStepCompleted(s.serverId(), opId(s), step, vmid, upid, address, dnsRecordId, tokenHash, now);
  }

  private static String opId(ServerState s) {
    return s.operation().operationId();
  }
}
