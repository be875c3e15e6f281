package com.zerolaghub.core.billing;

/**
 * A request to destroy something (a server, backup, DNS record, Velocity registration, container)
 * as it reaches {@link DestructiveActionGuard}. {@code cause} starts with {@code billing} when
 * billing asked for it.
 */
public record DestructiveActionRequested(String accountId, String action, String target, String cause) {
  public boolean fromBilling() {
    return cause != null && cause.startsWith("billing");
  }
}
