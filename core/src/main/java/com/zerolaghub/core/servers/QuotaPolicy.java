package com.zerolaghub.core.servers;

import java.util.Map;

/**
 * How many servers an account may hold, by its plan. Accounts on a plan this policy does not
 * name get {@code fallbackLimit}.
 */
public record QuotaPolicy(Map<String, Integer> serversByAccountPlan, int fallbackLimit) {
  public static final int DEFAULT_STARTER_LIMIT = 3;
  public static final int DEFAULT_PRO_LIMIT = 10;

  public QuotaPolicy {
    serversByAccountPlan = Map.copyOf(serversByAccountPlan);
  }

  public static QuotaPolicy defaults() {
    return new QuotaPolicy(Map.of("starter", DEFAULT_STARTER_LIMIT, "pro", DEFAULT_PRO_LIMIT), DEFAULT_STARTER_LIMIT);
  }

  public int limitFor(String accountPlan) {
    return accountPlan == null ? fallbackLimit : serversByAccountPlan.getOrDefault(accountPlan, fallbackLimit);
  }
}
