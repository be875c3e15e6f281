package com.zerolaghub.core.servers;

import com.zerolaghub.events.servers.ServerEvent;
import com.zerolaghub.events.servers.TeardownPhase;

import com.zerolaghub.events.servers.ServerEvent.ServerDeleted;
import com.zerolaghub.events.servers.ServerEvent.ServerSlotReleased;
import com.zerolaghub.events.servers.ServerEvent.TeardownFailed;
import com.zerolaghub.events.servers.ServerEvent.TeardownStepCompleted;
import com.zerolaghub.events.servers.ServerEvent.TeardownStepStarted;
import com.zerolaghub.events.servers.ServerEvent.VmidReleased;
import com.zerolaghub.core.servers.TeardownStep.Act;
import com.zerolaghub.core.servers.TeardownStep.DeregisterVelocity;
import com.zerolaghub.core.servers.TeardownStep.DestroyContainer;
import com.zerolaghub.core.servers.TeardownStep.RemoveDns;
import com.zerolaghub.events.ExpectedVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The events a teardown runner records around each step. */
public final class TeardownRecords {
  private TeardownRecords() {}

  public static TeardownStepStarted intent(ServerState s, Act step, Instant now) {
    if (!step.recordsIntent()) throw new IllegalArgumentException(step + " records no intent");
    String target;
    if (step instanceof DeregisterVelocity d) target = "velocity:" + d.name();
    else if (step instanceof RemoveDns r) target = "dns:" + r.slug();
    else if (step instanceof DestroyContainer c) target = "vmid:" + c.vmid();
    else target = step.phase().wireName();
    return new TeardownStepStarted(s.serverId(), opId(s), step.phase(), target, now);
  }

  /** The step's effect is done and was checked; {@code verification} says how. */
  public static TeardownStepCompleted completed(ServerState s, TeardownPhase step, String verification, Instant now) {
    return new TeardownStepCompleted(s.serverId(), opId(s), step, verification, now);
  }

  public static TeardownFailed failed(ServerState s, TeardownPhase step, String reason, boolean needsHuman, Instant now) {
    return new TeardownFailed(s.serverId(), opId(s), step, reason, needsHuman, now);
  }

  /**
   * For {@code appendAtomically}: the server's last event, its quota slot released (at the
   * owner stream's read version) and its vmid freed (at the claim's read version). Conflicts on
   * the owner stream mean a concurrent create: read again and retry.
   *
   * @param claim the vmid stream as read; null when no vmid was allocated
   */
  public static List<PlannedAppend> deleted(ServerState s, long serverVersion, OwnerSlots slots, VmidClaim claim, Instant now) {
    List<PlannedAppend> appends = new ArrayList<>();
    appends.add(new PlannedAppend(ServerStreams.server(s.serverId()), ExpectedVersion.exactly(serverVersion),
        List.of(new ServerDeleted(s.serverId(), s.ownerId(), opId(s), s.vmid(), now))));
    if (slots.serverIds().contains(s.serverId())) {
      appends.add(new PlannedAppend(ServerStreams.ownerServers(s.ownerId()), ExpectedVersion.exactly(slots.version()),
          List.of(new ServerSlotReleased(s.serverId(), s.ownerId(), now))));
    }
    if (s.vmid() != null) {
      if (claim == null || claim.vmid() != s.vmid()) throw new IllegalArgumentException("the claim of vmid " + s.vmid() + " is needed");
      if (s.serverId().equals(claim.holder())) {
        appends.add(new PlannedAppend(ServerStreams.vmid(claim.vmid()), ExpectedVersion.exactly(claim.version()),
            List.of(new VmidReleased(s.serverId(), claim.vmid(), now))));
      }
    }
    return appends;
  }

  private static String opId(ServerState s) {
    return s.operation().operationId();
  }
}
