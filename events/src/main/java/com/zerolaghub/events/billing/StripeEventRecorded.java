package com.zerolaghub.events.billing;

import com.zerolaghub.events.DomainEvent;
import com.zerolaghub.events.EventType;
import java.time.Instant;

/**
 * A verified Stripe webhook event, alone in stream {@code stripe-event/<evt id>} and appended
 * with "no stream expected": the event id is recorded once, a replay appends nothing.
 * {@code accountId} is null when the event could not be linked to an account.
 */
@EventType(name = "billing.stripe-event-recorded")
public record StripeEventRecorded(String stripeEventId, String type, String apiVersion, String accountId,
                                  String objectId, Instant created, Instant at) implements DomainEvent {}
