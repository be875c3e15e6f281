package com.zerolaghub.verticles.support;

import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.events.EventStore;
import com.zerolaghub.events.ExpectedVersion;
import com.zerolaghub.events.NewEvent;
import com.zerolaghub.events.RecordedEvent;
import com.zerolaghub.events.StreamId;
import com.zerolaghub.events.WrongExpectedVersionException;
import com.zerolaghub.events.support.NotificationEvent;
import com.zerolaghub.events.support.NotificationEvent.NotificationIntended;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.List;

/**
 * The notification sender's writes: one stream per notification and channel,
 * {@code notification/<sourceEventId>:<channel>}, holding the intent then the outcome.
 */
final class NotificationActions {
  private final EventStore store;
  private final Clock clock;

  NotificationActions(EventStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  static StreamId stream(String source, String channel) {
    return StreamId.of("notification", source + ":" + channel);
  }

  /**
   * Records the intent to send (no-stream: only the first sender creates it). True when an
   * earlier sender already recorded this notification's outcome.
   */
  Future<Boolean> intend(StreamId stream, String source, String channel, String kind, EventMetadata meta) {
    return store.append(stream, ExpectedVersion.NO_STREAM,
            List.of(NewEvent.of(new NotificationIntended(source, channel, kind, clock.instant()), meta)))
        .map(r -> false)
        .recover(err -> {
          if (!(err instanceof WrongExpectedVersionException)) return Future.failedFuture(err);
          return store.readStream(stream).map(events -> {
            for (RecordedEvent e : events) {
              if (!"notification.intended".equals(e.type())) return true;
            }
            return false;
          });
        });
  }

  /** Records how the delivery ended ({@code notification.sent} or {@code notification.failed}). */
  Future<Void> recordOutcome(StreamId stream, EventMetadata meta, NotificationEvent outcome) {
    return store.append(stream, ExpectedVersion.ANY, List.of(NewEvent.of(outcome, meta))).mapEmpty();
  }
}
