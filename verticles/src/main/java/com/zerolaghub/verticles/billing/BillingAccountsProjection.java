package com.zerolaghub.verticles.billing;

import com.zerolaghub.core.billing.BillingDecider;
import com.zerolaghub.core.billing.BillingState;
import com.zerolaghub.events.billing.BillingEvent;
import com.zerolaghub.projections.DecodedEvent;
import com.zerolaghub.projections.MemoryProjection;
import java.util.HashMap;
import java.util.Map;

/**
 * Every account's billing state, folded from the log on each node: what the gates read and
 * where the enforcement worker finds due escalations after any restart (never from Redis).
 */
final class BillingAccountsProjection implements MemoryProjection<Map<String, BillingState>> {
  static final String NAME = "billing_accounts";
  private final BillingDecider decider;

  BillingAccountsProjection(BillingDecider decider) {
    this.decider = decider;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean handles(String eventType) {
    return eventType.startsWith("billing.") && !eventType.startsWith("billing.stripe-");
  }

  @Override
  public Model<Map<String, BillingState>> newModel() {
    Map<String, BillingState> accounts = new HashMap<>();
    return new Model<>() {
      private Map<String, BillingState> published = Map.of();
      private boolean dirty;

      @Override
      public void apply(DecodedEvent event) {
        if (!(event.event() instanceof BillingEvent e)) return;
        accounts.put(e.accountId(), decider.evolve(accounts.getOrDefault(e.accountId(), decider.initialState()), e));
        dirty = true;
      }

      @Override
      public Map<String, BillingState> view() {
        if (dirty) {
          published = Map.copyOf(accounts);
          dirty = false;
        }
        return published;
      }
    };
  }
}
