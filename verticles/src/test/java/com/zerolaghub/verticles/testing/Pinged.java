package com.zerolaghub.verticles.testing;

import com.zerolaghub.events.DomainEvent;
import com.zerolaghub.events.EventType;

/** A minimal event for tests that need something in the log. */
@EventType(name = "test.pinged")
public record Pinged(int n) implements DomainEvent {}
