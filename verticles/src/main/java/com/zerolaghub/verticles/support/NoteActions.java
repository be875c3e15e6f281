package com.zerolaghub.verticles.support;

import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.events.EventStore;
import com.zerolaghub.events.ExpectedVersion;
import com.zerolaghub.events.NewEvent;
import com.zerolaghub.events.StreamId;
import com.zerolaghub.events.support.SupportEvent.ServerNoteSaved;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.List;

/**
 * Notepad writes: a save appends at the version the editor read, so one from a stale tab fails
 * with {@link com.zerolaghub.events.WrongExpectedVersionException} in the store itself.
 */
final class NoteActions {
  private final EventStore store;
  private final Clock clock;

  NoteActions(EventStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** Saves {@code text} as the notes of {@code serverId} over version {@code version}; completes with the new version. */
  Future<Long> save(String serverId, String text, String userId, long version) {
    return store.append(stream(serverId), ExpectedVersion.exactly(version),
            List.of(NewEvent.of(new ServerNoteSaved(serverId, text, userId, clock.instant()), EventMetadata.system("user:" + userId))))
        .map(r -> r.streamVersion());
  }

  static StreamId stream(String serverId) {
    return StreamId.of("server-notes", serverId);
  }
}
