package com.zerolaghub.core.servers;

import com.zerolaghub.events.servers.ProvisioningPhase;

/**
 * What the provisioning runner does next, as data. {@link Act}s carry out one phase through a
 * port; the others tell the runner to finish, stop, or record a failure.
 */
public sealed interface ProvisioningStep {

  /** A step that acts on an outside system for one phase. */
  sealed interface Act extends ProvisioningStep {
    ProvisioningPhase phase();

    /** True: the runner records {@code ProvisioningRecords.intent} before acting. */
    default boolean recordsIntent() {
      return true;
    }

    /**
     * False: never repeated blindly; once its intent is recorded without outcome the saga asks
     * for a check instead ({@link VerifyCloneOutcome}). True: idempotent, or checks before acting.
     */
    default boolean retrySafe() {
      return true;
    }
  }

  /**
   * Propose {@code nextid} from Proxmox and claim {@code vmid/<n>} atomically with the step's
   * outcome ({@code ProvisioningRecords.vmidAllocated}); on a claim conflict try n+1. No intent:
   * nothing outside changes.
   */
  record AllocateVmid() implements Act {
    public ProvisioningPhase phase() {
      return ProvisioningPhase.ALLOCATE_VMID;
    }

    public boolean recordsIntent() {
      return false;
    }
  }

  /** Clone the template to the pre-allocated vmid. Unsafe to repeat: a crash after it is resolved by {@link VerifyCloneOutcome}. */
  record Clone(int vmid, int templateVmid, String hostname) implements Act {
    public ProvisioningPhase phase() {
      return ProvisioningPhase.CLONE;
    }

    public boolean retrySafe() {
      return false;
    }
  }

  /**
   * A clone's intent has no outcome: look for {@code vmid} in the Proxmox inventory and record
   * {@code ProvisioningRecords.cloneVerified}. Present: the clone happened. Absent: it never
   * did, and the saga asks for a {@link Clone} to the SAME vmid, which Proxmox refuses if the id
   * exists — so there are never two containers.
   */
  record VerifyCloneOutcome(int vmid, int templateVmid, String hostname) implements Act {
    public ProvisioningPhase phase() {
      return ProvisioningPhase.CLONE;
    }

    public boolean recordsIntent() {
      return false;
    }
  }

  /**
   * Poll the clone task until it ends. {@code upid} is null when the clone was found by
   * verification: then wait until the container is no longer locked. Only reads.
   */
  record AwaitCloneTask(int vmid, String upid) implements Act {
    public ProvisioningPhase phase() {
      return ProvisioningPhase.AWAIT_CLONE;
    }

    public boolean recordsIntent() {
      return false;
    }
  }

  /** {@code PUT .../lxc/{vmid}/config}: setting the same values twice changes nothing. */
  record SetResources(int vmid, int memoryMib, int cores, int diskGib) implements Act {
    public ProvisioningPhase phase() {
      return ProvisioningPhase.SET_RESOURCES;
    }
  }

  /** Start unless already running (the runner checks the status first); completes with the container's address. */
  record StartContainer(int vmid) implements Act {
    public ProvisioningPhase phase() {
      return ProvisioningPhase.START_CONTAINER;
    }
  }

  /** Poll the agent's {@code GET /health} at {@code address} until it answers. Only reads. */
  record AwaitAgent(int vmid, String address) implements Act {
    public ProvisioningPhase phase() {
      return ProvisioningPhase.AWAIT_AGENT;
    }

    public boolean recordsIntent() {
      return false;
    }
  }

  /** {@code POST /config}, idempotent. The runner adds the agent token and records only its hash. */
  record PushAgentConfig(int vmid, String address, AgentConfig config) implements Act {
    public ProvisioningPhase phase() {
      return ProvisioningPhase.PUSH_CONFIG;
    }
  }

  /**
   * Game only: the SRV record {@code _minecraft._tcp.<slug>.<gameDomain>} pointing at the
   * Velocity edge. Find it first; create only when absent.
   */
  record PublishDns(String slug) implements Act {
    public ProvisioningPhase phase() {
      return ProvisioningPhase.PUBLISH_DNS;
    }
  }

  /** Game only: {@code POST /servers {name, address, port}}, idempotent on the bridge. */
  record RegisterVelocity(String name, String address, int port) implements Act {
    public ProvisioningPhase phase() {
      return ProvisioningPhase.REGISTER_VELOCITY;
    }
  }

  /** Every phase done: record {@code ProvisioningRecords.ready}. */
  record MarkReady() implements ProvisioningStep {}

  /** Nothing to do: provisioning finished (or the server is past it). */
  record Done() implements ProvisioningStep {}

  /** Provisioning failed earlier; nothing further happens. {@code phase} is the failed step's wire name. */
  record Failed(String phase, String reason, boolean needsHuman) implements ProvisioningStep {}

  /** A phase was attempted too often (crash loop): record {@code ProvisioningRecords.failed} with needsHuman. */
  record GiveUp(ProvisioningPhase step, String reason) implements ProvisioningStep {}
}
