package com.zerolaghub.core.infra.stripe;

/** A Stripe Checkout Session: its id (recorded on the log) and the page the customer pays on. */
public record CheckoutSession(String sessionId, String url) {}
