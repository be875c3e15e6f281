package com.zerolaghub.core.billing;

import com.zerolaghub.core.command.Rejection;
import java.util.Optional;

/**
 * Which actions an enforcement state allows (R5.2). Pure: callers (server creation, host and
 * game start, backups) pass the account's current state, from {@link BillingStandings}.
 * Refusals are CONFLICT rejections (409: the request is fine, the account's state is not) whose
 * code names the billing state: {@code billing-final-warning} or {@code billing-suspended}.
 * Nothing is ever refused in {@code good} or {@code warning}.
 */
public final class BillingGate {
  public static final String FINAL_WARNING_CODE = "billing-final-warning";
  public static final String SUSPENDED_CODE = "billing-suspended";

  private BillingGate() {}

  public static Optional<Rejection> check(Enforcement state, GatedAction action) {
    switch (state) {
      case FINAL_WARNING:
        return action == GatedAction.BACKUP
            ? Optional.of(new Rejection(Rejection.Kind.CONFLICT, FINAL_WARNING_CODE,
                "billing state final_warning: cannot " + action.description() + " until the payment is settled"))
            : Optional.empty();
      case SUSPENDED:
        return Optional.of(new Rejection(Rejection.Kind.CONFLICT, SUSPENDED_CODE,
            "billing state suspended: cannot " + action.description() + " until the payment is settled"));
      default:
        return Optional.empty();
    }
  }

  /** Throws the rejection when the action is refused. */
  public static void require(Enforcement state, GatedAction action) {
    Optional<Rejection> refused = check(state, action);
    if (refused.isPresent()) throw refused.get();
  }
}
