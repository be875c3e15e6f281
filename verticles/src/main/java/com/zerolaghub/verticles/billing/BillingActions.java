package com.zerolaghub.verticles.billing;

import com.zerolaghub.core.accounts.Principal;
import com.zerolaghub.core.billing.BillingCommand;
import com.zerolaghub.core.billing.BillingDecider;
import com.zerolaghub.core.billing.BillingState;
import com.zerolaghub.core.billing.DestructiveActionGuard;
import com.zerolaghub.core.billing.DestructiveActionRequested;
import com.zerolaghub.core.billing.Enforcement;
import com.zerolaghub.core.command.CommandHandler;
import com.zerolaghub.core.command.CommandResult;
import com.zerolaghub.events.EventCodec;
import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.events.EventStore;
import com.zerolaghub.events.ExpectedVersion;
import com.zerolaghub.events.NewEvent;
import com.zerolaghub.events.StreamAppend;
import com.zerolaghub.events.WrongExpectedVersionException;
import com.zerolaghub.events.billing.BillingEvent;
import com.zerolaghub.events.billing.BillingStreams;
import com.zerolaghub.events.billing.StripeCustomerClaimed;
import com.zerolaghub.events.billing.StripeEventRecorded;
import com.zerolaghub.verticles.http.ProblemException;
import com.zerolaghub.verticles.http.ProblemType;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The billing capability's writes (and the reads they need): commands on an account's billing
 * stream, verified Stripe events recorded once, standings set by hand, refusals of destructive
 * requests with a billing cause.
 */
final class BillingActions {
  private static final int MAX_ATTEMPTS = 5;
  private static final String ACCOUNT = "SELECT 1 FROM accounts WHERE id = $1";
  private final EventStore store;
  private final EventCodec codec;
  private final BillingDecider decider;
  private final CommandHandler handler;
  private final Pool pool;
  private final Clock clock;

  BillingActions(EventStore store, EventCodec codec, BillingDecider decider, Pool pool, Clock clock) {
    this.store = store;
    this.codec = codec;
    this.decider = decider;
    this.handler = new CommandHandler(store, codec);
    this.pool = pool;
    this.clock = clock;
  }

  BillingDecider decider() {
    return decider;
  }

  Future<CommandResult<BillingState>> handle(BillingCommand command, EventMetadata metadata) {
    return handler.handle(BillingStreams.billing(command.accountId()), decider, command, metadata);
  }

  Future<CommandHandler.Loaded<BillingState>> load(String accountId) {
    return handler.load(BillingStreams.billing(accountId), decider);
  }

  /**
   * An administrator suspends an account by hand or restores it, with a reason: the appended
   * {@code billing.enforcement-changed} names the administrator (its actor) and the reason (its
   * cause); the enforcement pass then stops a suspended account's hosts as it does for billing.
   */
  Future<CommandResult<BillingState>> setStandingByHand(Principal admin, String accountId, Enforcement to, String reason,
      String requestId) {
    return pool.preparedQuery(ACCOUNT).execute(Tuple.of(accountId)).compose(rows -> {
      if (rows.size() == 0) throw new ProblemException(ProblemType.NOT_FOUND, "no account " + accountId);
      EventMetadata md = new EventMetadata("user:" + admin.userId(), requestId, requestId, null, null, null);
      return handle(new BillingCommand.SetStandingByHand(accountId, to, reason, clock.instant()), md);
    });
  }

  /**
   * A request with a billing cause is refused with a FORBIDDEN rejection after
   * {@code billing.destructive-action-refused} was recorded. Succeeds (nothing recorded) when the
   * request may proceed.
   */
  Future<Void> refuseIfBillingCause(DestructiveActionRequested request) {
    Optional<BillingEvent.DestructiveActionRefused> refused = DestructiveActionGuard.refusal(request, clock.instant());
    if (refused.isEmpty()) return Future.succeededFuture();
    return store.append(BillingStreams.billing(request.accountId()), ExpectedVersion.ANY,
            List.of(NewEvent.of(refused.get(), EventMetadata.system("system:billing-guard").withCausation(request.cause()))))
        .compose(r -> Future.failedFuture(DestructiveActionGuard.rejection(request)));
  }

  /** The account a Stripe customer was linked to, or null. */
  Future<String> accountOfCustomer(String customerId) {
    return store.readStream(BillingStreams.stripeCustomer(customerId)).map(events -> events.isEmpty() ? null
        : ((StripeCustomerClaimed) codec.decode(events.get(0))).accountId());
  }

  /**
   * Records a verified Stripe event once, together with what it causes on the account, in one
   * transaction. Answers false (and appends nothing) when the event id was already recorded.
   */
  Future<Boolean> recordStripeEvent(StripeEventRecorded recorded, BillingCommand command, String customerToClaim,
      EventMetadata metadata) {
    return attempt(recorded, command, customerToClaim, metadata, 1);
  }

  private Future<Boolean> attempt(StripeEventRecorded recorded, BillingCommand command, String customerToClaim,
      EventMetadata metadata, int attempt) {
    // First attempt: the atomic "no stream" append is the duplicate check. After a conflict,
    // read first, as the conflict may have been on the account's stream.
    Future<Boolean> seen = attempt == 1 ? Future.succeededFuture(false)
        : store.readStream(BillingStreams.stripeEvent(recorded.stripeEventId())).map(existing -> !existing.isEmpty());
    return seen.compose(already -> {
      if (already) return Future.succeededFuture(false);
      Future<Boolean> claimNeeded = customerToClaim == null ? Future.succeededFuture(false)
          : store.readStream(BillingStreams.stripeCustomer(customerToClaim)).map(List::isEmpty);
      Future<CommandHandler.Loaded<BillingState>> loaded = command == null ? Future.succeededFuture(null) : load(command.accountId());
      return Future.all(claimNeeded, loaded).compose(both -> {
        List<StreamAppend> appends = new ArrayList<>();
        appends.add(new StreamAppend(BillingStreams.stripeEvent(recorded.stripeEventId()), ExpectedVersion.NO_STREAM,
            List.of(NewEvent.of(recorded, metadata))));
        if (claimNeeded.result()) {
          appends.add(new StreamAppend(BillingStreams.stripeCustomer(customerToClaim), ExpectedVersion.NO_STREAM,
              List.of(NewEvent.of(new StripeCustomerClaimed(customerToClaim, recorded.accountId(), recorded.at()), metadata))));
        }
        if (command != null) {
          List<BillingEvent> decided = decider.decide(command, loaded.result().state());
          if (!decided.isEmpty()) {
            appends.add(new StreamAppend(BillingStreams.billing(command.accountId()),
                ExpectedVersion.exactly(loaded.result().version()),
                decided.stream().map(e -> NewEvent.of(e, metadata)).toList()));
          }
        }
        return store.appendAtomically(appends).map(true);
      }).recover(err -> {
        if (!(err instanceof WrongExpectedVersionException w)) return Future.failedFuture(err);
        if (w.stream().equals(BillingStreams.stripeEvent(recorded.stripeEventId()))) return Future.succeededFuture(false);
        return attempt < MAX_ATTEMPTS ? attempt(recorded, command, customerToClaim, metadata, attempt + 1)
            : Future.failedFuture(err);
      });
    });
  }
}
