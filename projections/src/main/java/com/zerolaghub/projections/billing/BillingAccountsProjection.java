package com.zerolaghub.projections.billing;

import com.zerolaghub.core.billing.BillingDecider;
import com.zerolaghub.core.billing.BillingState;
import com.zerolaghub.events.billing.BillingEvent;
import com.zerolaghub.projections.DecodedEvent;
import com.zerolaghub.projections.MemoryProjection;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every account's billing state, folded from the log on each node: what the gates read and
 * where the enforcement worker finds due escalations after any restart (never from Redis).
 */
public final class BillingAccountsProjection implements MemoryProjection<Map<String, BillingState>> {
  public static final String NAME = "billing_accounts";
  private final BillingDecider decider;

  public BillingAccountsProjection(BillingDecider decider) {
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
    // Each account's state is an immutable value replaced whole, so readers may see the map
    // while it is updated: no copy per batch, whatever the number of accounts.
    Map<String, BillingState> accounts = new ConcurrentHashMap<>();
    Map<String, BillingState> view = Collections.unmodifiableMap(accounts);
    return new Model<>() {
      @Override
      public void apply(DecodedEvent event) {
        if (!(event.event() instanceof BillingEvent e)) return;
        accounts.put(e.accountId(), decider.evolve(accounts.getOrDefault(e.accountId(), decider.initialState()), e));
      }

      @Override
      public Map<String, BillingState> view() {
        return view;
      }
    };
  }
}
