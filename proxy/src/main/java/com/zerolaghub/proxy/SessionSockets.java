package com.zerolaghub.proxy;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The long-lived connections this node holds for each platform session (consoles, live
 * events), so that a logout, a password reset or an administrator ending an account's sessions
 * closes them at once instead of letting them stream on. Safe from any thread.
 */
public final class SessionSockets {
  /** Ends one registered connection; called at most once, from any thread. */
  @FunctionalInterface
  public interface Ender {
    void sessionEnded();
  }

  /** Undoes one {@link #register}: call it when the connection closes by itself. */
  @FunctionalInterface
  public interface Registration {
    void remove();
  }

  private final Map<String, Set<Ender>> bySession = new ConcurrentHashMap<>();

  public Registration register(String sessionId, Ender ender) {
    bySession.computeIfAbsent(sessionId, id -> ConcurrentHashMap.newKeySet()).add(ender);
    return () -> bySession.computeIfPresent(sessionId, (id, set) -> {
      set.remove(ender);
      return set.isEmpty() ? null : set;
    });
  }

  /** Ends every connection of these sessions on this node; answers how many. */
  public int end(Collection<String> sessionIds) {
    int ended = 0;
    for (String id : sessionIds) {
      Set<Ender> enders = bySession.remove(id);
      if (enders == null) continue;
      for (Ender e : enders) {
        e.sessionEnded();
        ended++;
      }
    }
    return ended;
  }

  /** Connections held now, for metrics and tests. */
  public int open() {
    return bySession.values().stream().mapToInt(Set::size).sum();
  }
}
