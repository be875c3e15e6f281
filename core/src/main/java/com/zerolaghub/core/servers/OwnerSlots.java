package com.zerolaghub.core.servers;

import com.zerolaghub.events.servers.ServerEvent;

import com.zerolaghub.events.servers.ServerEvent.ServerSlotReleased;
import com.zerolaghub.events.servers.ServerEvent.ServerSlotTaken;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The servers an owner holds, folded from {@code owner-servers/<ownerId>}. Creates append to
 * this stream at the version they read, so two racing creates cannot both take the last slot.
 */
public record OwnerSlots(Set<String> serverIds, long version) {
  public static final OwnerSlots EMPTY = new OwnerSlots(Set.of(), 0);

  public OwnerSlots {
    serverIds = Set.copyOf(serverIds);
  }

  /** Folds the stream's events; {@code version} is the stream version read (its event count). */
  public static OwnerSlots fold(List<? extends ServerEvent> events) {
    Set<String> ids = new HashSet<>();
    for (ServerEvent e : events) {
      if (e instanceof ServerSlotTaken t) ids.add(t.serverId());
      if (e instanceof ServerSlotReleased r) ids.remove(r.serverId());
    }
    return new OwnerSlots(ids, events.size());
  }

  public int count() {
    return serverIds.size();
  }
}
