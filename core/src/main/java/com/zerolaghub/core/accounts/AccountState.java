package com.zerolaghub.core.accounts;

import com.zerolaghub.events.accounts.Role;

import java.time.Instant;
import java.util.Map;

/** An account folded from its stream. {@code activeSessions}: session id → expiry. */
public record AccountState(
    String userId,
    String email,
    String username,
    String displayName,
    Role role,
    String passwordHash,
    Map<String, Instant> activeSessions,
    Map<String, Instant> pendingResets) {

  public static final AccountState NONE = new AccountState(null, null, null, null, null, null, Map.of(), Map.of());

  public boolean exists() {
    return userId != null;
  }

  /** {@code displayName (username) • <first 8 chars of id>}. */
  public String displayForm() {
    return DisplayForm.of(displayName, username, userId);
  }

  AccountState withDisplayName(String name) {
    return new AccountState(userId, email, username, name, role, passwordHash, activeSessions, pendingResets);
  }

  AccountState with(Role role, String passwordHash, Map<String, Instant> sessions, Map<String, Instant> resets) {
    return new AccountState(userId, email, username, displayName, role, passwordHash, Map.copyOf(sessions), Map.copyOf(resets));
  }
}
