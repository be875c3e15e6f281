package com.zerolaghub.verticles.billing;

import com.zerolaghub.core.billing.Announcement;
import com.zerolaghub.core.billing.BillingAnnouncements;
import com.zerolaghub.core.billing.BillingDecider;
import com.zerolaghub.core.billing.BillingGate;
import com.zerolaghub.core.billing.BillingStandings;
import com.zerolaghub.core.billing.BillingState;
import com.zerolaghub.core.ports.ConsoleCloser;
import com.zerolaghub.core.billing.DestructiveActionRequested;
import com.zerolaghub.core.billing.Enforcement;
import com.zerolaghub.core.billing.EnforcementPolicy;
import com.zerolaghub.core.billing.GatedAction;
import com.zerolaghub.core.ports.HostShutdownPort;
import com.zerolaghub.core.command.Rejection;
import com.zerolaghub.core.infra.stripe.StripeHttpAdapter;
import com.zerolaghub.core.infra.stripe.StripeOptions;
import com.zerolaghub.events.billing.BillingEvent;
import com.zerolaghub.projections.MemoryView;
import com.zerolaghub.projections.billing.BillingAccountsProjection;
import com.zerolaghub.simulators.StripeSimulator;
import com.zerolaghub.verticles.config.BillingConfig;
import com.zerolaghub.verticles.http.ApiRoutes;
import com.zerolaghub.verticles.http.Authentication;
import com.zerolaghub.verticles.monitoring.WorkQueueMetrics;
import com.zerolaghub.verticles.node.Capability;
import com.zerolaghub.verticles.node.NodeName;
import com.zerolaghub.verticles.node.PlatformContext;
import com.zerolaghub.verticles.node.ReadModels;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Stripe billing (R5): checkout, verified webhooks, dunning enforcement with its singleton
 * worker, gates and announcements. Start it after {@code projections.setup()} and before
 * {@code projections.launch()}. Other capabilities call {@link #standings()} with
 * {@link BillingGate}, {@link #announcements(String)} and {@link #refuseIfBillingCause}.
 */
public final class BillingCapability implements Capability {
  private final Authentication auth;
  private final ReadModels projections;
  private final HostShutdownPort hosts;
  private final ConsoleCloser consoles;
  private final Clock clock;
  private BillingActions actions;
  private MemoryView<Map<String, BillingState>> accounts;
  private BillingEnforcementWorker worker;
  private EnforcementSchedule schedule;
  private InNodeStripe inNodeStripe;

  public BillingCapability(Authentication auth, ReadModels projections,
      HostShutdownPort hosts, ConsoleCloser consoles, Clock clock) {
    this.auth = auth;
    this.projections = projections;
    this.hosts = hosts;
    this.consoles = consoles;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "billing";
  }

  @Override
  public Future<Void> start(PlatformContext ctx, ApiRoutes api) {
    if (!InNodeStripe.wanted(ctx.config())) return start(ctx, api, ctx.config().billing());
    return InNodeStripe.start(ctx.vertx(), ctx.config().billing(), clock).compose(stripe -> {
      inNodeStripe = stripe;
      return start(ctx, api, stripe.config());
    });
  }

  private Future<Void> start(PlatformContext ctx, ApiRoutes api, BillingConfig config) {
    ctx.codec().register(BillingEvent.TYPES);
    BillingDecider decider = new BillingDecider(new EnforcementPolicy(config.warning(), config.finalWarning()));
    actions = new BillingActions(ctx.store(), ctx.codec(), decider, ctx.pool(), clock);
    accounts = projections.runtime().register(new BillingAccountsProjection(decider));
    worker = new BillingEnforcementWorker(actions, accounts, hosts, consoles, clock);
    WorkQueueMetrics.register(ctx.meterRegistry(), "billing_enforcement",
        () -> DueEscalations.of(accounts.current(), decider, clock.instant()), clock);
    StripeOptions stripe = new StripeOptions(config.stripeApiKey(), config.stripeApiBase(), config.checkoutSuccessUrl(),
        config.checkoutCancelUrl());
    new BillingEndpoints(actions, new StripeHttpAdapter(ctx.vertx(), stripe), clock).bind(api, auth,
        new StripeWebhookHandler(actions, config.webhookSecret(), config.webhookToleranceSeconds(), clock, ctx.meterRegistry()));
    schedule = new EnforcementSchedule(ctx.vertx(), ctx.redis(), NodeName.of(ctx.config()) + "/billing-" + UUID.randomUUID(), worker,
        config.checkInterval());
    schedule.start();
    return Future.succeededFuture();
  }

  @Override
  public void serving(int httpPort) {
    if (inNodeStripe != null) inNodeStripe.serving(httpPort);
  }

  /** The enforcement lease goes to another node now; a pass missed meanwhile is taken at its next one. */
  @Override
  public Future<Void> drain() {
    return schedule == null ? Future.succeededFuture() : schedule.release();
  }

  @Override
  public Future<Void> stop() {
    return inNodeStripe == null ? drain() : drain().eventually(() -> inNodeStripe.stop());
  }

  /** The node's own Stripe simulator, when it runs one (simulated mode without a Stripe key). */
  public Optional<StripeSimulator> stripeSimulator() {
    return Optional.ofNullable(inNodeStripe).map(InNodeStripe::simulator);
  }

  /** Every account's enforcement state, as the log says (GOOD when unknown). For {@link BillingGate}. */
  public BillingStandings standings() {
    return accountId -> {
      BillingState s = accounts.current().get(accountId);
      return s == null ? Enforcement.GOOD : s.enforcement();
    };
  }

  /** Shorthand for gates: the refusal for this account and action, if any. */
  public Optional<Rejection> gate(String accountId, GatedAction action) {
    return BillingGate.check(standings().of(accountId), action);
  }

  /** The account's billing announcements, for the merged {@code /api/announcements}. */
  public List<Announcement> announcements(String accountId) {
    BillingState s = accounts.current().get(accountId);
    return s == null ? List.of() : BillingAnnouncements.of(s, actions.decider().nextEscalationAt(s));
  }

  /** The guard every destructive path calls; see {@link BillingActions#refuseIfBillingCause}. */
  public Future<Void> refuseIfBillingCause(DestructiveActionRequested request) {
    return actions.refuseIfBillingCause(request);
  }

  /** The enforcement worker's one pass (the lease holder runs it every {@code billing.checkInterval}). */
  public Future<List<String>> runEnforcementPass() {
    return worker.runOnce();
  }

  /** Completes when the billing read model has caught up with the log at start. */
  public Future<Void> caughtUp() {
    return accounts.whenCaughtUp();
  }
}
