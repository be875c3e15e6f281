package com.zerolaghub.verticles.support;

import com.zerolaghub.core.billing.Announcement;
import java.util.List;

/** Billing's notices for one account ({@code BillingCapability::announcements} fits). */
@FunctionalInterface
public interface BillingAnnouncementSource {
  BillingAnnouncementSource NONE = accountId -> List.of();

  List<Announcement> announcements(String accountId);
}
