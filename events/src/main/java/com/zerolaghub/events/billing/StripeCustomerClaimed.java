package com.zerolaghub.events.billing;

import com.zerolaghub.events.DomainEvent;
import com.zerolaghub.events.EventType;
import java.time.Instant;

/** Stream {@code stripe-customer/<cus id>}: which account a Stripe customer belongs to. */
@EventType(name = "billing.stripe-customer-claimed")
public record StripeCustomerClaimed(String customerId, String accountId, Instant at) implements DomainEvent {}
