package com.zerolaghub.verticles.support;

import com.zerolaghub.events.Checkpoint;
import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.events.EventStore;
import com.zerolaghub.events.ExpectedVersion;
import com.zerolaghub.events.NewEvent;
import com.zerolaghub.events.StreamId;
import com.zerolaghub.events.support.AnnouncementEvent.AnnouncementExpired;
import com.zerolaghub.events.support.AnnouncementEvent.AnnouncementPublished;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.List;

/** Announcement writes: one stream per announcement, its publication then at most its expiry. */
final class AnnouncementActions {
  private final EventStore store;
  private final Clock clock;

  AnnouncementActions(EventStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** Appends {@code published} as the first event of its stream; completes with its checkpoint. */
  Future<Checkpoint> publish(AnnouncementPublished published) {
    return store.append(stream(published.id()), ExpectedVersion.NO_STREAM,
            List.of(NewEvent.of(published, EventMetadata.system("user:" + published.publishedBy()))))
        .map(r -> r.events().get(0).checkpoint());
  }

  /** Ends announcement {@code id} now, by {@code admin}; completes with the event's checkpoint. */
  Future<Checkpoint> expire(String id, String admin, String reason) {
    return store.append(stream(id), ExpectedVersion.ANY,
            List.of(NewEvent.of(new AnnouncementExpired(id, admin, clock.instant(), reason), EventMetadata.system("user:" + admin))))
        .map(r -> r.events().get(0).checkpoint());
  }

  private static StreamId stream(String id) {
    return StreamId.of("announcement", id);
  }
}
