package com.zerolaghub.verticles.servers;

import com.zerolaghub.core.billing.GatedAction;
import com.zerolaghub.core.command.Rejection;
import java.util.Optional;

/** Billing's say on a customer action: a refusal naming the billing state, or nothing. */
@FunctionalInterface
public interface BillingGates {
  BillingGates NONE = (accountId, action) -> Optional.empty();

  Optional<Rejection> check(String accountId, GatedAction action);
}
