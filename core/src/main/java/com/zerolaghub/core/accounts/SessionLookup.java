package com.zerolaghub.core.accounts;

import java.time.Instant;
import java.util.Optional;

/**
 * Resolves a presented session token to its principal. Implementations answer from memory
 * (no database query per request); the token is looked up by its SHA-256 hash.
 */
public interface SessionLookup {
  Optional<Principal> authenticate(String sessionToken, Instant now);

  /**
   * Whether the session {@code sessionId} is still signed in at {@code now}: not logged out,
   * not revoked by a password change or reset, not expired. What was granted on a session (an
   * IDE cookie) lives no longer than the session itself.
   */
  boolean isLive(String sessionId, Instant now);
}
