package com.zerolaghub.core.billing;

/** The current enforcement state of any account (from the billing read model); GOOD when unknown. */
@FunctionalInterface
public interface BillingStandings {
  Enforcement of(String accountId);
}
