package com.zerolaghub.projections.support;

import com.zerolaghub.events.support.AnnouncementEvent.AnnouncementExpired;
import com.zerolaghub.events.support.AnnouncementEvent.AnnouncementPublished;
import com.zerolaghub.projections.DecodedEvent;
import com.zerolaghub.projections.EventTypeNames;
import com.zerolaghub.projections.MemoryProjection;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Operator announcements in memory; which ones show is decided at read time by the clock. */
public final class AnnouncementBoard implements MemoryProjection<AnnouncementBoard.Snapshot> {
  private static final Set<String> TYPES = EventTypeNames.of(AnnouncementPublished.class, AnnouncementExpired.class);

  public record Entry(AnnouncementPublished published, Instant expiredAt) {
    /** scheduled (not yet started), showing, or ended (past its end or expired by hand). */
    public String state(Instant now) {
      Instant end = expiredAt != null && (published.endsAt() == null || expiredAt.isBefore(published.endsAt())) ? expiredAt
          : published.endsAt();
      if (end != null && !now.isBefore(end)) return "ended";
      return now.isBefore(published.startsAt()) ? "scheduled" : "showing";
    }

    public boolean showsTo(String accountId, Instant now) {
      AnnouncementPublished p = published;
      Instant end = expiredAt != null && (p.endsAt() == null || expiredAt.isBefore(p.endsAt())) ? expiredAt : p.endsAt();
      return (p.accountId() == null || p.accountId().equals(accountId)) && !now.isBefore(p.startsAt())
          && (end == null || now.isBefore(end));
    }
  }

  public record Snapshot(Map<String, Entry> byId) {
    public List<AnnouncementPublished> current(String accountId, Instant now) {
      return byId.values().stream().filter(e -> e.showsTo(accountId, now)).map(Entry::published)
          .sorted(Comparator.comparing(AnnouncementPublished::startsAt).reversed()).toList();
    }

    /** Every announcement, newest start first, for the operators' list. */
    public List<Entry> all() {
      return byId.values().stream().sorted(Comparator.comparing((Entry e) -> e.published().startsAt()).reversed()).toList();
    }

    public boolean exists(String id) {
      return byId.containsKey(id);
    }
  }

  @Override
  public String name() {
    return "support_announcements";
  }

  @Override
  public boolean handles(String eventType) {
    return TYPES.contains(eventType);
  }

  @Override
  public Model<Snapshot> newModel() {
    return new Model<>() {
      private final Map<String, Entry> entries = new LinkedHashMap<>();

      @Override
      public void apply(DecodedEvent event) {
        if (event.event() instanceof AnnouncementPublished p) entries.put(p.id(), new Entry(p, null));
        else if (event.event() instanceof AnnouncementExpired x) {
          entries.computeIfPresent(x.id(), (k, e) -> e.expiredAt() != null ? e : new Entry(e.published(), x.at()));
        }
      }

      @Override
      public Snapshot view() {
        return new Snapshot(Map.copyOf(entries));
      }
    };
  }
}
