package com.zerolaghub.core.servers;

import com.zerolaghub.events.servers.ServerEvent;
import com.zerolaghub.events.servers.ServerSpec;

import com.zerolaghub.core.command.Rejection;
import com.zerolaghub.core.command.Rejection.FieldError;
import com.zerolaghub.events.servers.ServerEvent.IdempotencyKeyClaimed;
import com.zerolaghub.events.servers.ServerEvent.ServerRequested;
import com.zerolaghub.events.servers.ServerEvent.ServerSlotTaken;
import com.zerolaghub.events.ExpectedVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides a create: validation, quota, and the streams to write atomically — the idempotency
 * key claim ("no stream"), the owner's slot (at the version read, so racing creates cannot both
 * take the last slot) and the new server's first event ("no stream"). The caller does the I/O:
 *
 * <pre>
 * 1. key given: read idempotency/&lt;owner&gt;/&lt;key&gt;; {@link #replay} → the existing operation, or 422
 * 2. read owner-servers/&lt;owner&gt; → {@link OwnerSlots#fold}
 * 3. {@link #plan} (may throw a Rejection) → appendAtomically(PlannedAppend.toStreamAppends(...))
 * 4. WrongExpectedVersionException: read the key's stream again; {@link #onConflict} →
 *    Existing (answer it) or Retry (go to 2, a bounded number of times)
 * </pre>
 */
public final class Creation {
  public static final String IDEMPOTENCY_KEY_REUSED = "idempotency-key-reused";
  public static final String QUOTA_EXCEEDED = "server-quota-exceeded";

  private Creation() {}

  /** What the API answers with {@code 202}: the server and its provisioning operation. */
  public record Accepted(String serverId, String operationId, boolean replayed) {}

  /** A create decided: {@code appends} go to {@code EventStore.appendAtomically} together. */
  public record Planned(Accepted accepted, List<PlannedAppend> appends) {}

  /** How to go on after the atomic append conflicted. */
  public sealed interface Resolution {
    /** The same request already created its server: answer with it. */
    record Existing(Accepted accepted) implements Resolution {}

    /** Someone else changed the owner's slots: read them again and plan again. */
    record Retry() implements Resolution {}
  }

  /** @throws Rejection INVALID with field errors, or LIMIT_EXCEEDED naming the quota */
  public static Planned plan(CreateServer c, OwnerSlots slots, Catalog catalog, QuotaPolicy quota) {
    List<FieldError> errors = new ArrayList<>(ServerSpecValidation.validate(c.spec(), catalog));
    errors.addAll(ServerSpecValidation.validateIdempotencyKey(c.idempotencyKey()));
    if (!errors.isEmpty()) throw new Rejection(Rejection.Kind.INVALID, "validation", "the server request has invalid fields", errors);

    int limit = quota.limitFor(c.accountPlan());
    if (slots.count() >= limit) {
      String plan = c.accountPlan() == null ? "current" : "'" + c.accountPlan() + "'";
      throw new Rejection(Rejection.Kind.LIMIT_EXCEEDED, QUOTA_EXCEEDED,
          "Server limit reached: your " + plan + " plan allows " + limit + " server" + (limit == 1 ? "" : "s")
              + " and you have " + slots.count() + ". Delete a server or upgrade your plan.");
    }

    ServerSpec spec = c.spec();
    List<PlannedAppend> appends = new ArrayList<>(3);
    if (c.idempotencyKey() != null) {
      // First, so a duplicate request conflicts on its key before anything else.
      appends.add(new PlannedAppend(ServerStreams.idempotency(c.ownerId(), c.idempotencyKey()), ExpectedVersion.NO_STREAM,
          List.of(new IdempotencyKeyClaimed(c.serverId(), c.ownerId(), c.idempotencyKey(), RequestFingerprint.of(spec),
              c.operationId(), c.now()))));
    }
    appends.add(new PlannedAppend(ServerStreams.ownerServers(c.ownerId()), ExpectedVersion.exactly(slots.version()),
        List.of(new ServerSlotTaken(c.serverId(), c.ownerId(), c.now()))));
    appends.add(new PlannedAppend(ServerStreams.server(c.serverId()), ExpectedVersion.NO_STREAM,
        List.of(new ServerRequested(c.serverId(), c.ownerId(), c.operationId(), spec, catalog.resourcesFor(spec),
            catalog.templates().vmidFor(spec.kind()), c.now()))));
    return new Planned(new Accepted(c.serverId(), c.operationId(), false), appends);
  }

  /**
   * Before planning: a key already claimed by the same request gives its server and operation;
   * claimed by a different request, a 422.
   *
   * @param claimStream events of {@code idempotency/<owner>/<key>} (empty when unclaimed)
   * @throws Rejection UNPROCESSABLE, code {@value #IDEMPOTENCY_KEY_REUSED}, when the body differs
   */
  public static Optional<Accepted> replay(CreateServer c, List<? extends ServerEvent> claimStream) {
    if (c.idempotencyKey() == null) return Optional.empty();
    for (ServerEvent e : claimStream) {
      if (e instanceof IdempotencyKeyClaimed claim) {
        if (!claim.requestHash().equals(RequestFingerprint.of(c.spec()))) {
          throw new Rejection(Rejection.Kind.UNPROCESSABLE, IDEMPOTENCY_KEY_REUSED,
              "This Idempotency-Key was already used for a different request; use a new key for a new request");
        }
        return Optional.of(new Accepted(claim.serverId(), claim.operationId(), true));
      }
    }
    return Optional.empty();
  }

  /**
   * After a conflicting atomic append: the key's stream, read again, tells whether a racing
   * twin created the server (answer it, or 422 if its body differs); otherwise the owner's
   * slots moved and the create is planned again.
   */
  public static Resolution onConflict(CreateServer c, List<? extends ServerEvent> claimStream) {
    Optional<Accepted> existing = replay(c, claimStream);
    return existing.<Resolution>map(Resolution.Existing::new).orElseGet(Resolution.Retry::new);
  }
}
