package com.zerolaghub.verticles.accounts;

import com.zerolaghub.core.accounts.AccountCommand;
import com.zerolaghub.core.accounts.AccountDecider;
import com.zerolaghub.core.accounts.AccountState;
import com.zerolaghub.core.accounts.PasswordHasher;
import com.zerolaghub.core.accounts.Principal;
import com.zerolaghub.core.accounts.Registration;
import com.zerolaghub.core.accounts.SecretTokens;
import com.zerolaghub.core.command.CommandHandler;
import com.zerolaghub.core.command.CommandResult;
import com.zerolaghub.core.command.Rejection;
import com.zerolaghub.events.EventCodec;
import com.zerolaghub.events.EventStore;
import com.zerolaghub.events.ExpectedVersion;
import com.zerolaghub.events.NewEvent;
import com.zerolaghub.events.RecordedEvent;
import com.zerolaghub.events.StreamAppend;
import com.zerolaghub.events.StreamId;
import com.zerolaghub.events.WrongExpectedVersionException;
import com.zerolaghub.events.accounts.AccountEvent;
import com.zerolaghub.events.accounts.AccountEvent.EmailClaimed;
import com.zerolaghub.events.accounts.AccountEvent.PasswordResetRequested;
import com.zerolaghub.events.accounts.Role;
import com.zerolaghub.projections.accounts.SessionDirectory;
import com.zerolaghub.verticles.http.ProblemException;
import com.zerolaghub.verticles.http.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the accounts API does, as futures over the log: register, log in and out, change and
 * reset passwords. Passwords are hashed and verified on worker threads (bcrypt is slow on
 * purpose). After appending what sessions depend on, each action waits until this node's
 * {@link SessionDirectory} has applied it, so the next request here already sees the change.
 *
 * <p>Password resets: the request appends {@code PasswordResetRequested} to the account's
 * stream and, atomically, the same event to the stream {@code reset-token/<sha256(token)>},
 * a natural-key index from the token to its account (the log holds only the hash). Read models
 * that count reset requests must therefore look at the account stream only.
 */
final class AccountActions {
  private static final Logger log = LoggerFactory.getLogger(AccountActions.class);
  static final String RESET_TOKEN_STREAM_TYPE = "reset-token";
  /** How long an answer waits for this node's directory before it goes out anyway. */
  static final Duration VISIBILITY_WAIT = Duration.ofSeconds(5);
  private static final String INVALID_RESET = "this password reset link is invalid, already used or expired; request a new one";

  /** A session just started: the token is handed to the client once and never stored. */
  record NewSession(String token, String sessionId, Instant expiresAt, AccountState account) {}

  /** A reset link to mail. */
  record ResetLink(AccountState account, String token) {}

  private final Vertx vertx;
  private final EventStore store;
  private final EventCodec codec;
  private final CommandHandler commands;
  private final AccountDecider decider = new AccountDecider();
  private final PasswordHasher hasher;
  private final SessionDirectory directory;
  private final Clock clock;
  private final Duration sessionTtl;
  private final Duration resetTtl;

  AccountActions(Vertx vertx, EventStore store, EventCodec codec, PasswordHasher hasher, SessionDirectory directory, Clock clock,
      Duration sessionTtl, Duration resetTtl) {
    this.vertx = vertx;
    this.store = store;
    this.codec = codec;
    this.commands = new CommandHandler(store, codec);
    this.hasher = hasher;
    this.directory = directory;
    this.clock = clock;
    this.sessionTtl = sessionTtl;
    this.resetTtl = resetTtl;
  }

  Duration sessionTtl() {
    return sessionTtl;
  }

  Duration resetTtl() {
    return resetTtl;
  }

  static StreamId resetTokenStream(String tokenHash) {
    return StreamId.of(RESET_TOKEN_STREAM_TYPE, tokenHash);
  }

  /** A new customer account; the email must be free. */
  Future<AccountState> register(Registration.Request request, Caller caller) {
    List<Rejection.FieldError> errors = Registration.validate(request);
    if (!errors.isEmpty()) {
      return Future.failedFuture(new Rejection(Rejection.Kind.INVALID, "validation", "the registration has invalid fields", errors));
    }
    String userId = UUID.randomUUID().toString();
    return hash(request.password()).compose(hash -> {
      Registration.Plan plan = Registration.plan(request, userId, hash, clock.instant());
      var md = caller.metadata(Caller.user(userId));
      return store.appendAtomically(plan.appends(md, List.of(NewEvent.of(plan.registered(), md))))
          .map(appended -> decider.evolve(decider.initialState(), plan.registered()))
          .recover(err -> Future.failedFuture(taken(err, plan)));
    });
  }

  private static Throwable taken(Throwable err, Registration.Plan plan) {
    if (!(err instanceof WrongExpectedVersionException w)) return err;
    if (w.stream().equals(plan.emailStream())) {
      return new ProblemException(AccountProblems.EMAIL_TAKEN, "an account with this email exists; log in or reset its password");
    }
    if (w.stream().equals(plan.usernameStream())) {
      return new ProblemException(AccountProblems.USERNAME_TAKEN, "this username is taken; choose another");
    }
    return err;
  }

  /** Checks the password and starts a session. Unknown email and wrong password fail alike, after equal work. */
  Future<NewSession> login(String email, String password, Caller caller) {
    return accountOf(email).compose(account -> verify(password, account.exists() ? account.passwordHash() : null).compose(ok -> {
      if (!ok) return Future.failedFuture(new ProblemException(AccountProblems.INVALID_CREDENTIALS, "email or password is wrong"));
      String token = SecretTokens.newToken();
      String sessionId = UUID.randomUUID().toString();
      Instant now = clock.instant();
      Instant expiresAt = now.plus(sessionTtl);
      var command = new AccountCommand.StartSession(sessionId, SecretTokens.sha256(token), caller.client(), expiresAt, now);
      return handle(account.userId(), command, caller)
          .map(state -> new NewSession(token, sessionId, expiresAt, state));
    }));
  }

  Future<Void> logout(Principal principal, Caller caller) {
    return handle(principal.userId(), new AccountCommand.EndSession(principal.sessionId(), "logout", clock.instant()), caller).mapEmpty();
  }

  /** The caller's new display name; answers the account as it now is. */
  Future<AccountState> changeDisplayName(Principal principal, String displayName, Caller caller) {
    return handle(principal.userId(), new AccountCommand.ChangeDisplayName(displayName, clock.instant()), caller);
  }

  /** Ends every session of the caller's account, this one included ("sign out everywhere"). */
  Future<Void> logoutEverywhere(Principal principal, Caller caller) {
    return handle(principal.userId(), new AccountCommand.EndAllSessions("logout_everywhere", clock.instant()), caller).mapEmpty();
  }

  /** An administrator ends every session of {@code userId}; the event names the administrator and the reason. */
  Future<Void> endAllSessions(Principal admin, String userId, String reason, Caller caller) {
    AccountCommand command = new AccountCommand.EndAllSessions("admin: " + reason, clock.instant());
    return commands.handle(AccountDecider.stream(userId), decider, command, caller.metadata(Caller.user(admin.userId())))
        .compose(result -> visible(result)).mapEmpty();
  }

  /**
   * An administrator makes an account an administrator or a customer again. The event's
   * {@code grantedBy} is {@code admin: <reason>} and its actor the administrator; nobody takes
   * away their own role (another administrator must), so the last one cannot lock everyone out.
   */
  Future<CommandResult<AccountState>> setRole(Principal admin, String userId, Role role, String reason, Caller caller) {
    if (role != Role.ADMIN && admin.userId().equals(userId)) {
      return Future.failedFuture(new ProblemException(ProblemType.CONFLICT, "you cannot take away your own administrator role"));
    }
    AccountCommand command = new AccountCommand.GrantRole(role, "admin: " + reason, clock.instant());
    return commands.handle(AccountDecider.stream(userId), decider, command, caller.metadata(Caller.user(admin.userId())))
        .compose(result -> visible(result).map(result));
  }

  /** Changes the password after checking the current one; every other session of the account ends. */
  Future<Void> changePassword(Principal principal, String current, String next, Caller caller) {
    return commands.load(AccountDecider.stream(principal.userId()), decider).compose(loaded -> {
      AccountState account = loaded.state();
      return verify(current, account.passwordHash()).compose(ok -> {
        if (!ok) return Future.failedFuture(new ProblemException(AccountProblems.WRONG_PASSWORD, "the current password is wrong"));
        checkNewPassword(next, account.email());
        return hash(next).compose(hash -> handle(principal.userId(),
            new AccountCommand.ChangePassword(hash, principal.sessionId(), clock.instant()), caller)).mapEmpty();
      });
    });
  }

  /**
   * Records a reset request for the email's account and answers the link to mail; answers
   * empty (and records nothing) when no account has this email.
   */
  Future<Optional<ResetLink>> requestReset(String email, Caller caller) {
    return accountOf(email).compose(account -> {
      if (!account.exists()) return Future.succeededFuture(Optional.<ResetLink>empty());
      String token = SecretTokens.newToken();
      return appendResetRequest(account.userId(), SecretTokens.sha256(token), caller, 1)
          .map(state -> Optional.of(new ResetLink(state, token)));
    });
  }

  /** Sets a new password with a reset token; the token works once, before it expires. Every session ends. */
  Future<Void> confirmReset(String token, String newPassword, Caller caller) {
    String tokenHash = SecretTokens.sha256(token);
    return store.readStream(resetTokenStream(tokenHash)).compose(index -> {
      if (index.isEmpty()) return Future.failedFuture(invalidReset());
      String userId = ((PasswordResetRequested) decoded(index.get(0))).userId();
      return commands.load(AccountDecider.stream(userId), decider).compose(loaded -> {
        AccountState account = loaded.state();
        Instant expiresAt = account.pendingResets().get(tokenHash);
        // Checked here too so a dead link costs no bcrypt; the decider checks again under the version.
        if (expiresAt == null || !clock.instant().isBefore(expiresAt)) return Future.failedFuture(invalidReset());
        checkNewPassword(newPassword, account.email());
        return hash(newPassword).compose(hash -> handle(userId,
            new AccountCommand.ConfirmPasswordReset(tokenHash, hash, clock.instant()), caller)).mapEmpty();
      });
    });
  }

  /** The account an email belongs to (through its claim, always current), or {@link AccountState#NONE}. */
  Future<AccountState> accountOf(String email) {
    return store.readStream(Registration.emailStream(email)).compose(claim -> {
      if (claim.isEmpty()) return Future.succeededFuture(AccountState.NONE);
      String userId = ((EmailClaimed) decoded(claim.get(0))).userId();
      return commands.load(AccountDecider.stream(userId), decider).map(CommandHandler.Loaded::state);
    });
  }

  private Future<AccountState> appendResetRequest(String userId, String tokenHash, Caller caller, int attempt) {
    StreamId account = AccountDecider.stream(userId);
    return commands.load(account, decider).compose(loaded -> {
      Instant now = clock.instant();
      List<AccountEvent> events = decider.decide(new AccountCommand.RequestPasswordReset(tokenHash, now.plus(resetTtl), now), loaded.state());
      var md = caller.metadata(Caller.user(userId));
      List<NewEvent> toAccount = new ArrayList<>();
      AccountState next = loaded.state();
      for (AccountEvent e : events) {
        toAccount.add(NewEvent.of(e, md));
        next = decider.evolve(next, e);
      }
      AccountState result = next;
      return store.appendAtomically(List.of(
              new StreamAppend(account, ExpectedVersion.exactly(loaded.version()), toAccount),
              new StreamAppend(resetTokenStream(tokenHash), ExpectedVersion.NO_STREAM, List.of(NewEvent.of(events.get(0), md)))))
          .map(r -> result)
          .recover(err -> err instanceof WrongExpectedVersionException w && w.stream().equals(account)
              && attempt < CommandHandler.DEFAULT_MAX_ATTEMPTS
              ? appendResetRequest(userId, tokenHash, caller, attempt + 1)
              : Future.failedFuture(err));
    });
  }

  /** Runs a command on the account and waits until this node's directory shows its events. */
  private Future<AccountState> handle(String userId, AccountCommand command, Caller caller) {
    return commands.handle(AccountDecider.stream(userId), decider, command, caller.metadata(Caller.user(userId)))
        .compose(result -> visible(result).map(result.state()));
  }

  private Future<Void> visible(CommandResult<AccountState> result) {
    if (!result.changed()) return Future.succeededFuture();
    RecordedEvent last = result.appended().get(result.appended().size() - 1);
    Promise<Void> seen = Promise.promise();
    long timer = vertx.setTimer(VISIBILITY_WAIT.toMillis(), t -> {
      if (seen.tryComplete()) {
        log.atWarn().setMessage("session directory did not apply an append in time; answering anyway")
            .addKeyValue("checkpoint", last.checkpoint().toString()).addKeyValue("waitMs", VISIBILITY_WAIT.toMillis()).log();
      }
    });
    directory.whenApplied(last.checkpoint()).onComplete(ar -> {
      vertx.cancelTimer(timer);
      seen.tryComplete();
    });
    return seen.future();
  }

  private Future<String> hash(String password) {
    return vertx.executeBlocking(() -> hasher.hash(password), false);
  }

  /** A null hash still costs one bcrypt verification (against a decoy), so timing tells nothing. */
  private Future<Boolean> verify(String password, String hash) {
    return vertx.executeBlocking(() -> hasher.verify(password, hash), false);
  }

  private AccountEvent decoded(RecordedEvent e) {
    return (AccountEvent) codec.decode(e);
  }

  private static void checkNewPassword(String password, String email) {
    List<Rejection.FieldError> errors = Registration.validatePassword(password, email).stream()
        .map(e -> new Rejection.FieldError("newPassword", e.message())).toList();
    if (!errors.isEmpty()) throw new Rejection(Rejection.Kind.INVALID, "validation", "the new password is not acceptable", errors);
  }

  private static Rejection invalidReset() {
    return new Rejection(Rejection.Kind.INVALID, "reset-token-invalid", INVALID_RESET);
  }
}
