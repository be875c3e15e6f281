package com.zerolaghub.core.accounts;

import java.time.Instant;
import java.util.Optional;

/**
 * Resolves a presented session token to its principal. Implementations answer from memory
 * (no database query per request); the token is looked up by its SHA-256 hash.
 */
public interface SessionLookup {
  Optional<Principal> authenticate(String sessionToken, Instant now);
}
