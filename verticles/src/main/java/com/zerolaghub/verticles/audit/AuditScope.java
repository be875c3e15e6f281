package com.zerolaghub.verticles.audit;

import java.time.Instant;
import java.util.Objects;

/** Which events an audit export holds: everything touching {@code accountId} recorded in [from, to). */
public record AuditScope(String accountId, Instant from, Instant to) {
  public AuditScope {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (accountId.isBlank()) throw new IllegalArgumentException("the account must not be blank");
    if (!from.isBefore(to)) throw new IllegalArgumentException("from must be before to");
  }
}
