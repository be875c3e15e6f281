package com.zerolaghub.events.servers;

import com.zerolaghub.events.DomainEvent;
import com.zerolaghub.events.EventType;
import java.time.Instant;

/**
 * Everything that happens to a server, and the claims that keep servers unique and counted.
 * Streams: {@code server/<serverId>} (the server's life), {@code owner-servers/<ownerId>} (slot
 * events), {@code idempotency/<ownerId>/<key>} (create key claims), {@code vmid/<n>} (vmid claims).
 * Secrets never appear: the agent token only as its SHA-256 hash.
 */
public sealed interface ServerEvent extends DomainEvent {
  String serverId();

  Instant at();

  /** An event of one operation on the server stream; the operation view in core folds these. */
  sealed interface OperationEvent extends ServerEvent {
    String operationId();
  }

  // ---- claims (not in the server stream) ----

  /** In {@code owner-servers/<ownerId>}: counts toward the account's quota until released. */
  @EventType(name = "server.slot-taken")
  record ServerSlotTaken(String serverId, String ownerId, Instant at) implements ServerEvent {}

  @EventType(name = "server.slot-released")
  record ServerSlotReleased(String serverId, String ownerId, Instant at) implements ServerEvent {}

  /** In {@code idempotency/<ownerId>/<key>}, appended with "no stream": a key creates one server. */
  @EventType(name = "server.idempotency-key-claimed")
  record IdempotencyKeyClaimed(String serverId, String ownerId, String key, String requestHash,
                               String operationId, Instant at) implements ServerEvent {}

  /** In {@code vmid/<n>}: this server owns Proxmox id n until released at deletion. */
  @EventType(name = "server.vmid-claimed")
  record VmidClaimed(String serverId, int vmid, Instant at) implements ServerEvent {}

  @EventType(name = "server.vmid-released")
  record VmidReleased(String serverId, int vmid, Instant at) implements ServerEvent {}

  // ---- provisioning ----

  /**
   * The server's first event and its provisioning operation, queued. Resources and template are
   * resolved from the catalog now, so a later catalog change never alters an existing server.
   */
  @EventType(name = "server.requested")
  record ServerRequested(String serverId, String ownerId, String operationId, ServerSpec spec,
                         ResourcePlan resources, int templateVmid, Instant at) implements OperationEvent {}

  /**
   * Intent: recorded before a step with an outside effect acts, saying what it is about to do.
   * Fields not relevant to the step are null.
   */
  @EventType(name = "server.provisioning-step-started")
  record ProvisioningStepStarted(String serverId, String operationId, ProvisioningPhase step,
                                 Integer vmid, Integer templateVmid, String hostname, String address,
                                 String slug, Instant at) implements OperationEvent {}

  /** Outcome of a step. Fields not produced by the step are null. */
  @EventType(name = "server.provisioning-step-completed")
  record ProvisioningStepCompleted(String serverId, String operationId, ProvisioningPhase step,
                                   Integer vmid, String upid, String address, String dnsRecordId,
                                   String agentTokenHash, Instant at) implements OperationEvent {}

  /**
   * An intent without outcome resolved by checking the outside system: {@code happened} means
   * the effect is there (the step counts as done), otherwise it never happened and may be redone.
   */
  @EventType(name = "server.provisioning-step-verified")
  record ProvisioningStepVerified(String serverId, String operationId, ProvisioningPhase step,
                                  boolean happened, String detail, Instant at) implements OperationEvent {}

  @EventType(name = "server.provisioning-failed")
  record ProvisioningFailed(String serverId, String operationId, ProvisioningPhase step, String reason,
                            boolean needsHuman, Instant at) implements OperationEvent {}

  @EventType(name = "server.ready")
  record ServerReady(String serverId, String operationId, Instant at) implements OperationEvent {}

  // ---- host power ----

  @EventType(name = "server.host-action-requested")
  record HostActionRequested(String serverId, String ownerId, String operationId, HostAction action,
                             Instant at) implements OperationEvent {}

  /** One power change done and observed (a restart records STOPPED, then RUNNING). */
  @EventType(name = "server.host-action-step-completed")
  record HostActionStepCompleted(String serverId, String operationId, HostState hostState,
                                 Instant at) implements OperationEvent {}

  @EventType(name = "server.host-action-completed")
  record HostActionCompleted(String serverId, String operationId, HostAction action, HostState hostState,
                             Instant at) implements OperationEvent {}

  /** {@code observed}: the host state seen after the failure, null when unknown. */
  @EventType(name = "server.host-action-failed")
  record HostActionFailed(String serverId, String operationId, HostAction action, String reason,
                          HostState observed, Instant at) implements OperationEvent {}

  /**
   * An administrator has the server set up again on its own vmid from its template, because its
   * container vanished (a level-3 repair run by hand, issue 19): a new provisioning operation that
   * starts at the clone, keeping the vmid, the name and so the addresses. {@code reason}: the
   * administrator's words.
   */
  @EventType(name = "server.reprovision-requested")
  record ReprovisionRequested(String serverId, String ownerId, String operationId, String requestedBy, String reason,
                              Instant at) implements OperationEvent {}

  // ---- deletion ----

  @EventType(name = "server.deletion-requested")
  record DeletionRequested(String serverId, String ownerId, String operationId, Instant at) implements OperationEvent {}

  /** Intent of a teardown step; {@code target} names what is about to be removed. */
  @EventType(name = "server.teardown-step-started")
  record TeardownStepStarted(String serverId, String operationId, TeardownPhase step, String target,
                             Instant at) implements OperationEvent {}

  /** A cleanup done and checked; {@code verification} says how it was checked. */
  @EventType(name = "server.teardown-step-completed")
  record TeardownStepCompleted(String serverId, String operationId, TeardownPhase step, String verification,
                               Instant at) implements OperationEvent {}

  @EventType(name = "server.teardown-failed")
  record TeardownFailed(String serverId, String operationId, TeardownPhase step, String reason,
                        boolean needsHuman, Instant at) implements OperationEvent {}

  /** Appended with the slot and vmid releases, atomically. */
  @EventType(name = "server.deleted")
  record ServerDeleted(String serverId, String ownerId, String operationId, Integer vmid,
                       Instant at) implements OperationEvent {}

  /**
   * The controller's {@code clear_stale_operation_lock} repair: the operation made no progress
   * for too long and is ended as failed, so the server takes new operations again. Nothing
   * outside is touched; a human looks at {@code reason}.
   */
  @EventType(name = "server.operation-marked-stale")
  record OperationMarkedStale(String serverId, String operationId, String reason, String repairId,
                              Instant at) implements OperationEvent {}

  // ---- agent actions (audit) ----

  /**
   * Someone asked the server's agent for something (game power or a console command, a file
   * upload, a backup or a restore, code-server power), recorded before the call. {@code action}
   * is a wire name such as {@code game-start} or {@code backup-restore}; {@code detail} names its
   * target (backup id, file path) and never holds file contents, command text or secrets.
   * Not part of an operation: the server's state does not change.
   */
  @EventType(name = "server.agent-action-requested")
  record AgentActionRequested(String serverId, String actionId, String action, String detail, String requestedBy,
                              Instant at) implements ServerEvent {}

  /** The agent's answer to {@link AgentActionRequested}; {@code detail} is the failure reason or the new backup id. */
  @EventType(name = "server.agent-action-finished")
  record AgentActionFinished(String serverId, String actionId, String action, boolean succeeded, String detail,
                             Instant at) implements ServerEvent {}

  // ---- administrators (audit) ----

  /**
   * An administrator opened the hosted IDE of someone else's dev server (a one-time link was
   * issued to them); {@code reason} is what they typed. Recorded before the link is handed out.
   */
  @EventType(name = "server.ide-opened-by-admin")
  record IdeOpenedByAdmin(String serverId, String adminId, String reason, Instant at) implements ServerEvent {}

  /**
   * An administrator asked Velocity to register this running game server again (a Velocity
   * resync covers every such server; each gets this event), with their reason. Recorded before
   * the calls; the resync's answer says which registrations failed.
   */
  @EventType(name = "server.velocity-resync-requested")
  record VelocityResyncRequested(String serverId, String adminId, String reason, Instant at) implements ServerEvent {}
}
