package com.zerolaghub.core.accounts;

import com.zerolaghub.events.accounts.AccountEvent;
import com.zerolaghub.events.accounts.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zerolaghub.core.accounts.AccountCommand.ChangePassword;
import com.zerolaghub.core.accounts.AccountCommand.ConfirmPasswordReset;
import com.zerolaghub.core.accounts.AccountCommand.RequestPasswordReset;
import com.zerolaghub.core.accounts.AccountCommand.StartSession;
import com.zerolaghub.events.accounts.AccountEvent.PasswordChanged;
import com.zerolaghub.events.accounts.AccountEvent.SessionRevoked;
import com.zerolaghub.core.command.Rejection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountDeciderTest {
  private final AccountDecider decider = new AccountDecider();
  private final Instant t0 = Instant.parse("2026-11-22T10:00:00Z");
  private final Registration.Request request = new Registration.Request("Ada@Example.com", "correct horse battery", "ada", "Ada L.");

  private AccountState registered() {
    Registration.Plan plan = Registration.plan(request, "0f8e2a9c-1111-4222-8333-444455556666", "$2a$hash", t0);
    return decider.evolve(decider.initialState(), plan.registered());
  }

  private AccountState apply(AccountState s, List<AccountEvent> events) {
    for (AccountEvent e : events) s = decider.evolve(s, e);
    return s;
  }

  @Test
  void theOwnerChangesTheDisplayNameOnceAndAnInvalidOneIsRefusedByField() {
    AccountState s = registered();
    List<AccountEvent> renamed = decider.decide(new AccountCommand.ChangeDisplayName("  Ada Lovelace ", t0), s);
    assertThat(renamed).containsExactly(new AccountEvent.DisplayNameChanged(s.userId(), "Ada Lovelace", t0));
    AccountState after = apply(s, renamed);
    assertThat(after.displayName()).isEqualTo("Ada Lovelace");
    assertThat(decider.decide(new AccountCommand.ChangeDisplayName("Ada Lovelace", t0), after)).as("unchanged").isEmpty();
    for (String wrong : new String[] {"", "   ", "x".repeat(65), "bell\u0007"}) {
      assertThatThrownBy(() -> decider.decide(new AccountCommand.ChangeDisplayName(wrong, t0), after)).as(wrong)
          .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.fieldErrors()).extracting(Rejection.FieldError::field)
              .containsExactly("displayName"));
    }
  }

  @Test
  void newAccountsAreCustomersWithANormalizedEmailAndADisplayForm() {
    AccountState s = registered();
    assertThat(s.role()).isEqualTo(Role.CUSTOMER);
    assertThat(s.email()).isEqualTo("ada@example.com");
    assertThat(s.displayForm()).isEqualTo("Ada L. (ada) \u2022 0f8e2a9c");
  }

  @Test
  void registrationNamesEveryBadField() {
    var errors = Registration.validate(new Registration.Request("not-an-email", "short", "Bad Name!", ""));
    assertThat(errors).extracting(Rejection.FieldError::field).containsExactlyInAnyOrder("email", "password", "username", "displayName");
  }

  @Test
  void aPasswordChangeRevokesEveryOtherSession() {
    AccountState s = registered();
    s = apply(s, decider.decide(new StartSession("s1", "h1", "browser", t0.plus(Duration.ofDays(7)), t0), s));
    s = apply(s, decider.decide(new StartSession("s2", "h2", "api", t0.plus(Duration.ofDays(7)), t0), s));
    List<AccountEvent> events = decider.decide(new ChangePassword("$2a$new", "s1", t0.plusSeconds(5)), s);
    assertThat(events).hasSize(2);
    assertThat(events.get(0)).isInstanceOf(PasswordChanged.class);
    assertThat(events.get(1)).isInstanceOfSatisfying(SessionRevoked.class, r -> assertThat(r.sessionId()).isEqualTo("s2"));
    assertThat(apply(s, events).activeSessions()).containsOnlyKeys("s1");
  }

  @Test
  void aResetLinkWorksOnceAndRevokesAllSessions() {
    AccountState s = registered();
    s = apply(s, decider.decide(new StartSession("s1", "h1", "browser", t0.plus(Duration.ofDays(7)), t0), s));
    s = apply(s, decider.decide(new RequestPasswordReset("r1", t0.plus(Duration.ofMinutes(30)), t0), s));
    s = apply(s, decider.decide(new ConfirmPasswordReset("r1", "$2a$new", t0.plusSeconds(60)), s));
    assertThat(s.passwordHash()).isEqualTo("$2a$new");
    assertThat(s.activeSessions()).isEmpty();
    AccountState used = s;
    assertThatThrownBy(() -> decider.decide(new ConfirmPasswordReset("r1", "$2a$again", t0.plusSeconds(90)), used))
        .isInstanceOf(Rejection.class).hasMessageContaining("already used or expired");
  }

  @Test
  void anExpiredResetLinkIsRefused() {
    AccountState s = registered();
    s = apply(s, decider.decide(new RequestPasswordReset("r1", t0.plus(Duration.ofMinutes(30)), t0), s));
    AccountState pending = s;
    assertThatThrownBy(() -> decider.decide(new ConfirmPasswordReset("r1", "$2a$new", t0.plus(Duration.ofMinutes(31))), pending))
        .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.code()).isEqualTo("reset-token-invalid"));
  }
}
