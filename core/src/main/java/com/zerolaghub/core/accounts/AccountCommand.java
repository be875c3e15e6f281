package com.zerolaghub.core.accounts;

import com.zerolaghub.events.accounts.Role;

import java.time.Instant;

/** Commands on an existing account. Registration is {@link Registration}: it claims an email too. */
public sealed interface AccountCommand {
  Instant now();

  /** The password was verified at the edge (hashing is slow work kept off the event loop). */
  record StartSession(String sessionId, String tokenHash, String client, Instant expiresAt, Instant now) implements AccountCommand {}

  record EndSession(String sessionId, String reason, Instant now) implements AccountCommand {}

  /**
   * Ends every session of the account ("sign out everywhere", or an administrator with a
   * reason); what was granted on them (IDE cookies, sockets) ends with them.
   */
  record EndAllSessions(String reason, Instant now) implements AccountCommand {}

  /** Revokes every session but {@code keepSessionId} (null: revoke all). */
  record ChangePassword(String newPasswordHash, String keepSessionId, Instant now) implements AccountCommand {}

  record RequestPasswordReset(String tokenHash, Instant expiresAt, Instant now) implements AccountCommand {}

  record ConfirmPasswordReset(String tokenHash, String newPasswordHash, Instant now) implements AccountCommand {}

  /** {@code displayName}: 1–64 printable characters, like at registration. */
  record ChangeDisplayName(String displayName, Instant now) implements AccountCommand {}

  record GrantRole(Role role, String grantedBy, Instant now) implements AccountCommand {}
}
