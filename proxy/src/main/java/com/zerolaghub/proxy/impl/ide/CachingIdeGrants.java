package com.zerolaghub.proxy.impl.ide;

import com.zerolaghub.proxy.ide.IdeGrant;
import com.zerolaghub.proxy.ide.IdeGrants;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Remembers IDE cookie sessions for a short while, so a workbench's burst of requests costs one
 * store lookup instead of one each (concurrent lookups of one cookie share it). Only found
 * sessions are kept. What a cookie may reach is still decided per request against the route
 * table (owner, server id, running), so this delays nothing but the store's own expiry, by at
 * most {@code freshFor}. Tokens are never cached: they stay single-use.
 */
public final class CachingIdeGrants implements IdeGrants {
  /** How long a found session is trusted without asking the store: 30 s. */
  public static final Duration DEFAULT_FRESH_FOR = Duration.ofSeconds(30);
  /** Sessions remembered at most (then the memory is cleared): 10 000. */
  public static final int DEFAULT_MAX_ENTRIES = 10_000;

  /** @param found whether {@code lookup} is the found grant itself, completed and bound to no event loop */
  private record Entry(Future<Optional<IdeGrant>> lookup, long bornNanos, boolean found) {}

  private final IdeGrants store;
  private final long freshForNanos;
  private final int maxEntries;
  private final LongSupplier nanoTime;
  private final ConcurrentHashMap<String, Entry> sessions = new ConcurrentHashMap<>();

  public CachingIdeGrants(IdeGrants store) {
    this(store, DEFAULT_FRESH_FOR, DEFAULT_MAX_ENTRIES, System::nanoTime);
  }

  CachingIdeGrants(IdeGrants store, Duration freshFor, int maxEntries, LongSupplier nanoTime) {
    this.store = Objects.requireNonNull(store, "store");
    this.freshForNanos = freshFor.toNanos();
    this.maxEntries = maxEntries;
    this.nanoTime = nanoTime;
  }

  @Override
  public Future<String> issueToken(IdeGrant grant, Duration ttl) {
    return store.issueToken(grant, ttl);
  }

  @Override
  public Future<Optional<IdeGrant>> redeemToken(String token) {
    return store.redeemToken(token);
  }

  @Override
  public Future<String> openSession(IdeGrant grant, Duration ttl) {
    return store.openSession(grant, ttl);
  }

  @Override
  public Future<Optional<IdeGrant>> session(String cookieValue) {
    long now = nanoTime.getAsLong();
    Entry remembered = sessions.get(cookieValue); // the common case: a plain read, no lock on the bin
    if (remembered != null && remembered.found() && now - remembered.bornNanos() < freshForNanos) {
      return remembered.lookup();
    }
    Entry entry = sessions.compute(cookieValue, (key, known) ->
        known != null && now - known.bornNanos() < freshForNanos ? known : new Entry(store.session(key), now, false));
    if (entry.found()) {
      return entry.lookup();
    }
    entry.lookup().onComplete(result -> {
      if (result.failed() || result.result().isEmpty()) {
        sessions.remove(cookieValue, entry); // a miss or an outage is asked again next time
      } else {
        // The store's future completes on its client's event loop, and a listener added to it
        // later runs there too: two thread hops per request. A plain completed one runs inline.
        sessions.replace(cookieValue, entry, new Entry(Future.succeededFuture(result.result()), entry.bornNanos(), true));
      }
    });
    if (sessions.size() > maxEntries) {
      sessions.clear(); // crude but bounded; the store still answers
    }
    return entry.lookup();
  }
}
