package com.zerolaghub.core.servers;

import com.zerolaghub.events.servers.ServerSpec;

import java.time.Instant;

/**
 * {@code POST /api/instances}. {@code ownerId} comes from the authenticated principal, never a
 * body; {@code accountPlan} from the account's billing state; {@code idempotencyKey} from the
 * {@code Idempotency-Key} header (null when absent); {@code serverId} and {@code operationId}
 * are fresh ids the caller generated, used only if this request creates the server.
 */
public record CreateServer(
    String ownerId,
    String accountPlan,
    String idempotencyKey,
    ServerSpec spec,
    String serverId,
    String operationId,
    Instant now) {

  public CreateServer {
    if (ownerId == null || ownerId.isBlank()) throw new IllegalArgumentException("ownerId comes from the principal");
  }
}
