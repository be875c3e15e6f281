package com.zerolaghub.verticles.support;

import com.zerolaghub.core.servers.ServerStreams;
import com.zerolaghub.events.EventStore;
import com.zerolaghub.events.RecordedEvent;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** Who owns a server, from the {@code server.requested} event that opened its stream. */
final class ServerOwners {
  private final EventStore store;

  ServerOwners(EventStore store) {
    this.store = store;
  }

  /** The owner's account id, or null when there is no such server. */
  Future<String> ownerOf(String serverId) {
    return store.readStream(ServerStreams.server(serverId)).map(events -> {
      for (RecordedEvent e : events) {
        // The raw payload: this capability need not decode every server event type.
        if ("server.requested".equals(e.type())) return new JsonObject(e.payload()).getString("ownerId");
      }
      return null;
    });
  }
}
