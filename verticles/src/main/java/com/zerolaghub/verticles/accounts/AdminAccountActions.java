package com.zerolaghub.verticles.accounts;

import com.zerolaghub.core.accounts.AccountCommand;
import com.zerolaghub.core.accounts.AccountDecider;
import com.zerolaghub.core.accounts.AccountState;
import com.zerolaghub.core.accounts.Registration;
import com.zerolaghub.core.command.CommandHandler;
import com.zerolaghub.events.EventCodec;
import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.events.EventStore;
import com.zerolaghub.events.NewEvent;
import com.zerolaghub.events.WrongExpectedVersionException;
import com.zerolaghub.events.accounts.AccountEvent;
import com.zerolaghub.events.accounts.AccountEvent.EmailClaimed;
import com.zerolaghub.events.accounts.Role;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Operators' way to administrators ({@code zlh admin create}): promote an existing account, or
 * create one that is an administrator from its first append. Over HTTP only an administrator
 * grants or takes away the role ({@code AccountActions#setRole}), never a customer.
 */
public final class AdminAccountActions {
  /** What happened: {@code created} a new account, or {@code changed} an existing one's role. */
  public record Outcome(String userId, String display, boolean created, boolean changed) {}

  private final EventStore store;
  private final EventCodec codec;
  private final CommandHandler commands;
  private final AccountDecider decider = new AccountDecider();
  private final Clock clock;

  public AdminAccountActions(EventStore store, EventCodec codec, Clock clock) {
    this.store = store;
    this.codec = codec.register(AccountEvent.TYPES);
    this.commands = new CommandHandler(store, codec);
    this.clock = clock;
  }

  /** Makes the account of {@code email} an administrator; empty when no account has this email. */
  public Future<Optional<Outcome>> promote(String email, String operator) {
    return store.readStream(Registration.emailStream(email)).compose(claim -> {
      if (claim.isEmpty()) return Future.succeededFuture(Optional.<Outcome>empty());
      String userId = ((EmailClaimed) codec.decode(claim.get(0))).userId();
      return commands.handle(AccountDecider.stream(userId), decider, new AccountCommand.GrantRole(Role.ADMIN, operator, clock.instant()),
              EventMetadata.system(operator))
          .map(r -> Optional.of(new Outcome(userId, r.state().displayForm(), false, r.changed())));
    });
  }

  /**
   * Registers an administrator: the email claim, the registration and the role grant in one
   * atomic append. Fails with a {@link com.zerolaghub.core.command.Rejection} on invalid fields
   * and an {@link IllegalStateException} when the email was taken meanwhile.
   */
  public Future<Outcome> create(Registration.Request request, String passwordHash, String operator) {
    Instant now = clock.instant();
    Registration.Plan plan;
    try {
      plan = Registration.plan(request, UUID.randomUUID().toString(), passwordHash, now);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    EventMetadata md = EventMetadata.system(operator);
    AccountState state = decider.evolve(decider.initialState(), plan.registered());
    List<NewEvent> account = new ArrayList<>(List.of(NewEvent.of(plan.registered(), md)));
    for (AccountEvent e : decider.decide(new AccountCommand.GrantRole(Role.ADMIN, operator, now), state)) {
      account.add(NewEvent.of(e, md));
      state = decider.evolve(state, e);
    }
    AccountState created = state;
    return store.appendAtomically(plan.appends(md, account))
        .map(r -> new Outcome(created.userId(), created.displayForm(), true, true))
        .recover(err -> err instanceof WrongExpectedVersionException
            ? Future.failedFuture(new IllegalStateException("an account with this email or username exists (created meanwhile?); choose another username or run the command again"))
            : Future.failedFuture(err));
  }
}
