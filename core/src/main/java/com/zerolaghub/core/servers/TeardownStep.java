package com.zerolaghub.core.servers;

import com.zerolaghub.events.servers.TeardownPhase;

/**
 * What the teardown runner does next, as data. Every {@link Act} checks before it acts and is
 * verified after, so a resumed teardown simply repeats the open step. The platform never stops
 * a host to delete it: {@link DestroyContainer} on a running container fails instead.
 */
public sealed interface TeardownStep {

  sealed interface Act extends TeardownStep {
    TeardownPhase phase();

    /** True: the runner records {@code TeardownRecords.intent} before acting. */
    default boolean recordsIntent() {
      return true;
    }
  }

  /** {@code DELETE /servers/{name}} (404 counts as gone); verified by {@code GET /servers}. */
  record DeregisterVelocity(String name) implements Act {
    public TeardownPhase phase() {
      return TeardownPhase.DEREGISTER_VELOCITY;
    }
  }

  /**
   * Find the SRV records named for {@code slug} and delete each; verified by a second find.
   * {@code dnsRecordId} is the id recorded at publish, null if the publish outcome was never recorded.
   */
  record RemoveDns(String slug, String dnsRecordId) implements Act {
    public TeardownPhase phase() {
      return TeardownPhase.REMOVE_DNS;
    }
  }

  /**
   * Destroy the container if the inventory holds it and it is stopped (a running one fails the
   * step: never stopped here); verified by the inventory no longer listing it.
   */
  record DestroyContainer(int vmid) implements Act {
    public TeardownPhase phase() {
      return TeardownPhase.DESTROY_CONTAINER;
    }
  }

  /** Reads only: the container, DNS record and Velocity entry (those that applied) are all absent. */
  record VerifyGone(Integer vmid, String dnsSlug, String velocityName) implements Act {
    public TeardownPhase phase() {
      return TeardownPhase.VERIFY_GONE;
    }

    public boolean recordsIntent() {
      return false;
    }
  }

  /** Record {@code TeardownRecords.deleted}: the server, its slot and its vmid released together. */
  record MarkDeleted(Integer vmid) implements TeardownStep {}

  record Done() implements TeardownStep {}

  /** The teardown failed; a new delete request resumes it. {@code phase} is the step's wire name. */
  record Failed(String phase, String reason, boolean needsHuman) implements TeardownStep {}
}
