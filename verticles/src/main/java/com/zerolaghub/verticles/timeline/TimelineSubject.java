package com.zerolaghub.verticles.timeline;

import com.zerolaghub.events.StreamId;
import java.util.List;

/**
 * What a timeline is about, as the {@code stream} parameter names it: {@code server:<id>},
 * {@code account:<id>} or {@code ticket:<id>}. {@code streams} are read whole; a server also has
 * the controller's drift and repair events about it, found through their payload.
 */
record TimelineSubject(String kind, String id) {
  static TimelineSubject parse(String s) {
    int colon = s.indexOf(':');
    return new TimelineSubject(s.substring(0, colon), s.substring(colon + 1));
  }

  List<StreamId> streams() {
    switch (kind) {
      case "server": return List.of(StreamId.of("server", id));
      case "account": return List.of(StreamId.of("account", id), StreamId.of("billing", id));
      case "ticket": return List.of(StreamId.of("ticket", id));
      default: throw new IllegalArgumentException("no timeline for " + kind);
    }
  }

  boolean withControllerEvents() {
    return kind.equals("server");
  }

  /** The stream whose first event names the subject's owner (and proves it exists). */
  StreamId first() {
    return streams().get(0);
  }

  /** The payload field of {@link #first()}'s first event holding the owning account. */
  String ownerField() {
    switch (kind) {
      case "server": return "ownerId";
      case "account": return "userId";
      default: return "accountId";
    }
  }

  @Override
  public String toString() {
    return kind + ":" + id;
  }
}
