package com.zerolaghub.events.accounts;

import com.zerolaghub.events.DomainEvent;
import com.zerolaghub.events.EventType;
import java.time.Instant;

/**
 * Everything that happens to an account. Secrets never appear: passwords only as bcrypt hashes,
 * session and reset tokens only as SHA-256 hashes.
 */
public sealed interface AccountEvent extends DomainEvent {
  String userId();

  @EventType(name = "account.registered")
  record AccountRegistered(String userId, String email, String username, String displayName,
                           String passwordHash, Role role, Instant at) implements AccountEvent {}

  /** Lives in the email's own stream: appending it with "no stream expected" makes emails unique. */
  @EventType(name = "account.email-claimed")
  record EmailClaimed(String userId, String email, Instant at) implements AccountEvent {}

  /** Lives in the username's own stream, like {@link EmailClaimed}: usernames are unique too. */
  @EventType(name = "account.username-claimed")
  record UsernameClaimed(String userId, String username, Instant at) implements AccountEvent {}

  @EventType(name = "account.session-started")
  record SessionStarted(String userId, String sessionId, String tokenHash, String client,
                        Instant expiresAt, Instant at) implements AccountEvent {}

  @EventType(name = "account.session-revoked")
  record SessionRevoked(String userId, String sessionId, String reason, Instant at) implements AccountEvent {}

  @EventType(name = "account.password-changed")
  record PasswordChanged(String userId, String passwordHash, String reason, Instant at) implements AccountEvent {}

  @EventType(name = "account.password-reset-requested")
  record PasswordResetRequested(String userId, String tokenHash, Instant expiresAt, Instant at) implements AccountEvent {}

  @EventType(name = "account.password-reset-used")
  record PasswordResetUsed(String userId, String tokenHash, Instant at) implements AccountEvent {}

  /** The name people and mails see, changed by the account's owner. */
  @EventType(name = "account.display-name-changed")
  record DisplayNameChanged(String userId, String displayName, Instant at) implements AccountEvent {}

  @EventType(name = "account.role-granted")
  record RoleGranted(String userId, Role role, String grantedBy, Instant at) implements AccountEvent {}

  @SuppressWarnings("unchecked")
  Class<? extends DomainEvent>[] TYPES = new Class[] {
      AccountRegistered.class, EmailClaimed.class, UsernameClaimed.class, SessionStarted.class, SessionRevoked.class,
      PasswordChanged.class, PasswordResetRequested.class, PasswordResetUsed.class, RoleGranted.class, DisplayNameChanged.class
  };
}
