package com.zerolaghub.verticles.billing;

import com.zerolaghub.core.billing.BillingCommand;
import com.zerolaghub.core.billing.BillingDecider;
import com.zerolaghub.core.billing.BillingState;
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
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes the billing streams of the log. */
final class BillingLedger {
  private static final int MAX_ATTEMPTS = 5;
  private final EventStore store;
  private final EventCodec codec;
  private final BillingDecider decider;
  private final CommandHandler handler;

  BillingLedger(EventStore store, EventCodec codec, BillingDecider decider) {
    this.store = store;
    this.codec = codec;
    this.decider = decider;
    this.handler = new CommandHandler(store, codec);
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
