package com.zerolaghub.verticles.servers;

import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.events.EventStore;
import com.zerolaghub.events.ExpectedVersion;
import com.zerolaghub.events.NewEvent;
import com.zerolaghub.events.servers.ServerEvent.IdeOpenedByAdmin;
import com.zerolaghub.events.servers.ServerEvent.VelocityResyncRequested;
import com.zerolaghub.core.servers.ServerDecider;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * What an administrator does to a customer's server outside an operation, recorded on the
 * server's stream before it happens, naming the administrator (payload and actor) and their
 * reason: opening its hosted IDE, registering it with Velocity again. These change no state, so
 * they are appended whatever the stream's version; the timeline reads them as sentences.
 */
final class AdminServerActions {
  private final EventStore store;
  private final Clock clock;

  AdminServerActions(EventStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** Before the one-time link goes out: {@code admin} opens the IDE of a server that is not theirs. */
  public Future<Void> ideOpened(String serverId, String adminId, String reason, EventMetadata metadata) {
    IdeOpenedByAdmin event = new IdeOpenedByAdmin(serverId, adminId, reason, clock.instant());
    return store.append(ServerDecider.stream(serverId), ExpectedVersion.ANY, List.of(NewEvent.of(event, metadata))).mapEmpty();
  }

  /**
   * Before a Velocity resync's calls: one event per server it registers again. Each is its own
   * append (an atomic append needs every stream's version, and these events depend on none); a
   * failed one fails the resync before any call, the others stay as requests that were made.
   */
  Future<Void> velocityResyncRequested(List<String> serverIds, String adminId, String reason, EventMetadata metadata) {
    List<Future<?>> appends = new ArrayList<>();
    for (String id : serverIds) {
      appends.add(store.append(ServerDecider.stream(id), ExpectedVersion.ANY,
          List.of(NewEvent.of(new VelocityResyncRequested(id, adminId, reason, clock.instant()), metadata))));
    }
    return Future.all(appends).mapEmpty();
  }
}
