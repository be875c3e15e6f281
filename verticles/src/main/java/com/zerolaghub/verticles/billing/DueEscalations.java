package com.zerolaghub.verticles.billing;

import com.zerolaghub.core.billing.BillingDecider;
import com.zerolaghub.core.billing.BillingState;
import com.zerolaghub.verticles.monitoring.QueueSnapshot;
import java.time.Instant;
import java.util.Map;

/**
 * The {@code billing_enforcement} queue: accounts whose next dunning step fell due and was not
 * taken yet, oldest due first. A worker that stopped taking them shows here as a growing age.
 */
final class DueEscalations {
  private DueEscalations() {}

  static QueueSnapshot of(Map<String, BillingState> accounts, BillingDecider decider, Instant now) {
    long due = 0;
    Instant oldest = null;
    for (BillingState s : accounts.values()) {
      Instant at = decider.nextEscalationAt(s);
      if (at == null || at.isAfter(now)) continue;
      due++;
      if (oldest == null || at.isBefore(oldest)) oldest = at;
    }
    return new QueueSnapshot(due, oldest);
  }
}
