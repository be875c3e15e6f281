package com.zerolaghub.events;

/**
 * Marker for event payloads. Implementations are Java records annotated with {@link EventType};
 * each capability groups its events under a sealed sub-interface.
 */
public interface DomainEvent {}
