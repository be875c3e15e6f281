package com.zerolaghub.core.billing;

import com.zerolaghub.core.command.Rejection;
import com.zerolaghub.events.billing.BillingEvent.DestructiveActionRefused;
import java.time.Instant;
import java.util.Optional;

/**
 * R5.3: billing never deletes. A destructive request with a billing cause is refused; the
 * caller records the returned audit event in {@code billing/<account>} and answers the
 * rejection. Requests with other causes (the owner deleting their own server) pass.
 */
public final class DestructiveActionGuard {
  public static final String CODE = "billing-never-destroys";

  private DestructiveActionGuard() {}

  /** The audit event to record when refused; empty when the request may proceed. */
  public static Optional<DestructiveActionRefused> refusal(DestructiveActionRequested request, Instant now) {
    if (!request.fromBilling()) return Optional.empty();
    return Optional.of(new DestructiveActionRefused(request.accountId(), request.action(), request.target(),
        request.cause(), now));
  }

  public static Rejection rejection(DestructiveActionRequested request) {
    return new Rejection(Rejection.Kind.FORBIDDEN, CODE,
        "billing never deletes: " + request.action() + " of " + request.target() + " refused");
  }
}
