package com.zerolaghub.projections.accounts;

import com.zerolaghub.core.accounts.Principal;
import com.zerolaghub.core.accounts.SecretTokens;
import com.zerolaghub.core.accounts.SessionLookup;
import com.zerolaghub.events.Checkpoint;
import com.zerolaghub.events.accounts.AccountEvent.AccountRegistered;
import com.zerolaghub.events.accounts.AccountEvent.DisplayNameChanged;
import com.zerolaghub.events.accounts.AccountEvent.RoleGranted;
import com.zerolaghub.events.accounts.AccountEvent.SessionRevoked;
import com.zerolaghub.events.accounts.AccountEvent.SessionStarted;
import com.zerolaghub.events.accounts.Role;
import com.zerolaghub.projections.DecodedEvent;
import com.zerolaghub.projections.EventTypeNames;
import com.zerolaghub.projections.MemoryProjection;
import com.zerolaghub.projections.MemoryView;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Every live session and every account's profile, in memory on each node, so authenticating a
 * request costs a SHA-256 and two map lookups, no query. Sessions are keyed by the SHA-256 of
 * their token (the token itself is never kept); revoked sessions leave the map, expired ones
 * are refused by time and dropped as the log moves past their expiry.
 */
public final class SessionDirectory implements MemoryProjection<SessionDirectory.Snapshot>, SessionLookup {
  public static final String NAME = "session_directory";
  private static final Set<String> TYPES =
      EventTypeNames.of(AccountRegistered.class, RoleGranted.class, DisplayNameChanged.class, SessionStarted.class,
          SessionRevoked.class);

  /** One live session. */
  record Session(String sessionId, String userId, Instant expiresAt) {}

  /** What people and handlers see of an account. */
  public record Profile(String userId, String email, String username, String displayName, Role role, Instant createdAt) {}

  /** One published version of the directory. */
  public record Snapshot(ShardedImmutableMap<Session> byTokenHash, ShardedImmutableMap<Session> bySessionId, ShardedImmutableMap<Profile> profiles) {
    static final Snapshot EMPTY = new Snapshot(ShardedImmutableMap.empty(), ShardedImmutableMap.empty(), ShardedImmutableMap.empty());

    public int sessions() {
      return byTokenHash.size();
    }

    public int accounts() {
      return profiles.size();
    }
  }

  private volatile MemoryView<Snapshot> view;
  private final List<Consumer<List<String>>> endListeners = new CopyOnWriteArrayList<>();

  /**
   * Calls {@code listener} with the ids of sessions that ended (logout, password change or
   * reset, an administrator), once per applied batch that ended any, on every node that follows
   * the log: what holds a socket or grant of such a session closes it. A rebuild replays old
   * endings too; closing what is no longer open is a no-op.
   */
  public void onSessionsEnded(Consumer<List<String>> listener) {
    endListeners.add(listener);
  }

  /** Keeps the view the projection runtime returned when this directory was registered. */
  public void attach(MemoryView<Snapshot> view) {
    this.view = view;
  }

  @Override
  public Optional<Principal> authenticate(String sessionToken, Instant now) {
    if (sessionToken == null || sessionToken.isEmpty()) return Optional.empty();
    Snapshot s = current();
    Session session = s.byTokenHash().get(SecretTokens.sha256(sessionToken));
    if (session == null || !now.isBefore(session.expiresAt())) return Optional.empty();
    Profile profile = s.profiles().get(session.userId());
    if (profile == null) return Optional.empty();
    return Optional.of(new Principal(session.userId(), profile.role(), session.sessionId()));
  }

  @Override
  public boolean isLive(String sessionId, Instant now) {
    if (sessionId == null) return false;
    Session session = current().bySessionId().get(sessionId);
    return session != null && now.isBefore(session.expiresAt());
  }

  /** Whether the directory has folded the whole log once since this node started. */
  public boolean caughtUp() {
    MemoryView<Snapshot> v = view;
    return v != null && v.whenCaughtUp().succeeded();
  }

  public Optional<Profile> profile(String userId) {
    return Optional.ofNullable(current().profiles().get(userId));
  }

  /** Completes once this node's directory holds everything up to {@code checkpoint}. */
  public Future<Void> whenApplied(Checkpoint checkpoint) {
    return view().whenApplied(checkpoint);
  }

  public Snapshot current() {
    MemoryView<Snapshot> v = view;
    return v == null ? Snapshot.EMPTY : v.current();
  }

  private MemoryView<Snapshot> view() {
    MemoryView<Snapshot> v = view;
    if (v == null) throw new IllegalStateException("the session directory is not registered with a projection runtime");
    return v;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean handles(String eventType) {
    return TYPES.contains(eventType);
  }

  @Override
  public Model<Snapshot> newModel() {
    return new DirectoryModel(endListeners);
  }

  private static final class DirectoryModel implements Model<Snapshot> {
    private record Expiry(Instant at, String tokenHash) {}

    private final ShardedImmutableMap.Builder<Session> sessions = new ShardedImmutableMap.Builder<>();
    private final ShardedImmutableMap.Builder<Session> sessionsById = new ShardedImmutableMap.Builder<>();
    private final List<Consumer<List<String>>> endListeners;
    private List<String> endedInBatch = new ArrayList<>();
    private final ShardedImmutableMap.Builder<Profile> profiles = new ShardedImmutableMap.Builder<>();
    private final Map<String, String> tokenHashBySession = new HashMap<>();
    private final PriorityQueue<Expiry> expiries = new PriorityQueue<>(Comparator.comparing(Expiry::at));
    private Snapshot last = Snapshot.EMPTY;

    DirectoryModel(List<Consumer<List<String>>> endListeners) {
      this.endListeners = endListeners;
    }

    @Override
    public void apply(DecodedEvent event) {
      if (event.event() instanceof AccountRegistered e) {
        profiles.put(e.userId(), new Profile(e.userId(), e.email(), e.username(), e.displayName(), e.role(), e.at()));
      } else if (event.event() instanceof RoleGranted e) {
        Profile p = profiles.get(e.userId());
        if (p != null) profiles.put(e.userId(), new Profile(p.userId(), p.email(), p.username(), p.displayName(), e.role(), p.createdAt()));
      } else if (event.event() instanceof DisplayNameChanged e) {
        Profile p = profiles.get(e.userId());
        if (p != null) profiles.put(e.userId(), new Profile(p.userId(), p.email(), p.username(), e.displayName(), p.role(), p.createdAt()));
      } else if (event.event() instanceof SessionStarted e) {
        dropExpired(e.at());
        Session started = new Session(e.sessionId(), e.userId(), e.expiresAt());
        sessions.put(e.tokenHash(), started);
        sessionsById.put(e.sessionId(), started);
        tokenHashBySession.put(e.sessionId(), e.tokenHash());
        expiries.add(new Expiry(e.expiresAt(), e.tokenHash()));
      } else if (event.event() instanceof SessionRevoked e) {
        String hash = tokenHashBySession.remove(e.sessionId());
        if (hash != null) sessions.remove(hash);
        sessionsById.remove(e.sessionId());
        endedInBatch.add(e.sessionId());
      }
    }

    /** Log time, not the clock: a rebuild must fold to the same model. Lookups check the clock anyway. */
    private void dropExpired(Instant logTime) {
      while (!expiries.isEmpty() && !expiries.peek().at().isAfter(logTime)) {
        Expiry gone = expiries.poll();
        Session s = sessions.get(gone.tokenHash());
        if (s != null && !s.expiresAt().isAfter(logTime)) {
          sessions.remove(gone.tokenHash());
          sessionsById.remove(s.sessionId());
          tokenHashBySession.remove(s.sessionId());
        }
      }
    }

    @Override
    public Snapshot view() {
      ShardedImmutableMap<Session> s = sessions.build();
      ShardedImmutableMap<Session> ids = sessionsById.build();
      ShardedImmutableMap<Profile> p = profiles.build();
      if (s != last.byTokenHash() || ids != last.bySessionId() || p != last.profiles()) last = new Snapshot(s, ids, p);
      if (!endedInBatch.isEmpty()) {
        List<String> ended = List.copyOf(endedInBatch);
        endedInBatch = new ArrayList<>();
        // on the projection's context, just before this view is published: listeners close by id, they do not look
        endListeners.forEach(l -> l.accept(ended));
      }
      return last;
    }
  }
}
