package com.zerolaghub.core.accounts;

import com.zerolaghub.events.accounts.AccountEvent;
import com.zerolaghub.events.accounts.Role;

import com.zerolaghub.core.accounts.AccountCommand.ChangePassword;
import com.zerolaghub.core.accounts.AccountCommand.ConfirmPasswordReset;
import com.zerolaghub.core.accounts.AccountCommand.ChangeDisplayName;
import com.zerolaghub.core.accounts.AccountCommand.EndAllSessions;
import com.zerolaghub.core.accounts.AccountCommand.EndSession;
import com.zerolaghub.core.accounts.AccountCommand.GrantRole;
import com.zerolaghub.core.accounts.AccountCommand.RequestPasswordReset;
import com.zerolaghub.core.accounts.AccountCommand.StartSession;
import com.zerolaghub.events.accounts.AccountEvent.AccountRegistered;
import com.zerolaghub.events.accounts.AccountEvent.DisplayNameChanged;
import com.zerolaghub.events.accounts.AccountEvent.EmailClaimed;
import com.zerolaghub.events.accounts.AccountEvent.PasswordChanged;
import com.zerolaghub.events.accounts.AccountEvent.PasswordResetRequested;
import com.zerolaghub.events.accounts.AccountEvent.PasswordResetUsed;
import com.zerolaghub.events.accounts.AccountEvent.RoleGranted;
import com.zerolaghub.events.accounts.AccountEvent.SessionRevoked;
import com.zerolaghub.events.accounts.AccountEvent.SessionStarted;
import com.zerolaghub.core.command.Decider;
import com.zerolaghub.core.command.Rejection;
import com.zerolaghub.events.StreamId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Rules of one account's life: sessions, passwords, resets, roles. */
public final class AccountDecider implements Decider<AccountCommand, AccountState, AccountEvent> {
  public static final String STREAM_TYPE = "account";

  public static StreamId stream(String userId) {
    return StreamId.of(STREAM_TYPE, userId);
  }

  @Override
  public AccountState initialState() {
    return AccountState.NONE;
  }

  @Override
  public List<AccountEvent> decide(AccountCommand command, AccountState state) {
    if (!state.exists()) throw new Rejection(Rejection.Kind.NOT_FOUND, "account-not-found", "no such account");
    String id = state.userId();
    if (command instanceof StartSession c) {
      return List.of(new SessionStarted(id, c.sessionId(), c.tokenHash(), c.client(), c.expiresAt(), c.now()));
    }
    if (command instanceof EndSession c) {
      return state.activeSessions().containsKey(c.sessionId())
          ? List.of(new SessionRevoked(id, c.sessionId(), c.reason(), c.now()))
          : List.of(); // already ended: logging out twice is not an error
    }
    if (command instanceof EndAllSessions c) {
      List<AccountEvent> events = new ArrayList<>();
      revokeOthers(state, null, c.reason(), c, events);
      return events;
    }
    if (command instanceof ChangePassword c) {
      List<AccountEvent> events = new ArrayList<>();
      events.add(new PasswordChanged(id, c.newPasswordHash(), "change", c.now()));
      revokeOthers(state, c.keepSessionId(), "password_changed", c, events);
      return events;
    }
    if (command instanceof RequestPasswordReset c) {
      return List.of(new PasswordResetRequested(id, c.tokenHash(), c.expiresAt(), c.now()));
    }
    if (command instanceof ConfirmPasswordReset c) {
      var expiresAt = state.pendingResets().get(c.tokenHash());
      if (expiresAt == null || !c.now().isBefore(expiresAt)) {
        throw new Rejection(Rejection.Kind.INVALID, "reset-token-invalid",
            "this password reset link is invalid, already used or expired; request a new one");
      }
      List<AccountEvent> events = new ArrayList<>();
      events.add(new PasswordResetUsed(id, c.tokenHash(), c.now()));
      events.add(new PasswordChanged(id, c.newPasswordHash(), "reset", c.now()));
      revokeOthers(state, null, "password_reset", c, events);
      return events;
    }
    if (command instanceof ChangeDisplayName c) {
      if (!Registration.validDisplayName(c.displayName())) {
        throw new Rejection(Rejection.Kind.INVALID, "validation", "the display name is invalid",
            List.of(new Rejection.FieldError("displayName", Registration.DISPLAY_NAME_RULE)));
      }
      String name = c.displayName().strip();
      return name.equals(state.displayName()) ? List.of() : List.of(new DisplayNameChanged(id, name, c.now()));
    }
    if (command instanceof GrantRole c) {
      return c.role() == state.role() ? List.of() : List.of(new RoleGranted(id, c.role(), c.grantedBy(), c.now()));
    }
    throw new IllegalArgumentException("unknown command " + command);
  }

  private static void revokeOthers(AccountState state, String keep, String reason, AccountCommand c, List<AccountEvent> events) {
    state.activeSessions().keySet().stream().sorted()
        .filter(sid -> !sid.equals(keep))
        .forEach(sid -> events.add(new SessionRevoked(state.userId(), sid, reason, c.now())));
  }

  @Override
  public AccountState evolve(AccountState s, AccountEvent event) {
    if (event instanceof AccountRegistered e) {
      return new AccountState(e.userId(), e.email(), e.username(), e.displayName(), e.role(), e.passwordHash(), Map.of(), Map.of());
    }
    if (event instanceof EmailClaimed) return s;
    Map<String, Instant> sessions = new HashMap<>(s.activeSessions());
    Map<String, Instant> resets = new HashMap<>(s.pendingResets());
    String hash = s.passwordHash();
    Role role = s.role();
    if (event instanceof SessionStarted e) {
      sessions.put(e.sessionId(), e.expiresAt());
      sessions.values().removeIf(exp -> !exp.isAfter(e.at())); // forget long-expired sessions
    } else if (event instanceof SessionRevoked e) {
      sessions.remove(e.sessionId());
    } else if (event instanceof PasswordChanged e) {
      hash = e.passwordHash();
    } else if (event instanceof PasswordResetRequested e) {
      resets.values().removeIf(exp -> !exp.isAfter(e.at()));
      resets.put(e.tokenHash(), e.expiresAt());
    } else if (event instanceof PasswordResetUsed e) {
      resets.remove(e.tokenHash());
    } else if (event instanceof RoleGranted e) {
      role = e.role();
    } else if (event instanceof DisplayNameChanged e) {
      return s.withDisplayName(e.displayName());
    }
    return s.with(role, hash, sessions, resets);
  }
}
