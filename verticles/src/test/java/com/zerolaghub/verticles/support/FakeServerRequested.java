package com.zerolaghub.verticles.support;

import com.zerolaghub.events.DomainEvent;
import com.zerolaghub.events.EventType;

/** The two fields of {@code server.requested} support reads: a server and its owner, without the rest of a spec. */
@EventType(name = "server.requested")
record FakeServerRequested(String serverId, String ownerId) implements DomainEvent {}
