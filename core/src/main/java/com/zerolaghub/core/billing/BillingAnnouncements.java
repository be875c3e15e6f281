package com.zerolaghub.core.billing;

import com.zerolaghub.core.support.HumanTime;
import java.time.Instant;
import java.util.List;

/**
 * The billing announcements an account sees, from its state alone, so the announcements endpoint
 * can merge them with admin notices: call {@link #of} and concatenate.
 */
public final class BillingAnnouncements {
  public static final String KIND = "billing";

  private BillingAnnouncements() {}

  public static List<Announcement> of(BillingState state, Instant nextEscalationAt) {
    String id = "billing-" + state.enforcement().label() + (state.since() == null ? "" : "-" + state.since().toEpochMilli());
    switch (state.enforcement()) {
      case WARNING:
        return List.of(new Announcement(id, KIND, "warning",
            "Your last payment failed. Please update your payment method"
                + (nextEscalationAt == null ? "." : " before " + HumanTime.format(nextEscalationAt) + " to keep backups running."),
            state.since()));
      case FINAL_WARNING:
        return List.of(new Announcement(id, KIND, "critical",
            "Payment still outstanding: backups are paused"
                + (nextEscalationAt == null ? "." : " and servers will be stopped on " + HumanTime.format(nextEscalationAt) + ".")
                + " Nothing is deleted.",
            state.since()));
      case SUSPENDED:
        return List.of(new Announcement(id, KIND, "critical",
            "Your account is suspended for an unpaid invoice: its servers are stopped and cannot be started or"
                + " created. Your servers and backups are kept; settle the payment to lift the suspension.",
            state.since()));
      default:
        return List.of();
    }
  }
}
