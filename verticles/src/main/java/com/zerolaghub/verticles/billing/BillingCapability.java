package com.zerolaghub.verticles.billing;

import com.zerolaghub.core.billing.Announcement;
import com.zerolaghub.core.billing.BillingAnnouncements;
import com.zerolaghub.core.billing.BillingCommand;
import com.zerolaghub.core.billing.BillingDecider;
import com.zerolaghub.core.billing.BillingGate;
import com.zerolaghub.core.billing.BillingStandings;
import com.zerolaghub.core.billing.BillingState;
import com.zerolaghub.core.billing.ConsoleCloser;
import com.zerolaghub.core.billing.DestructiveActionGuard;
import com.zerolaghub.core.billing.DestructiveActionRequested;
import com.zerolaghub.core.billing.Enforcement;
import com.zerolaghub.core.billing.EnforcementPolicy;
import com.zerolaghub.core.billing.GatedAction;
import com.zerolaghub.core.billing.HostShutdownPort;
import com.zerolaghub.core.command.Rejection;
import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.events.ExpectedVersion;
import com.zerolaghub.events.NewEvent;
import com.zerolaghub.events.billing.BillingEvent;
import com.zerolaghub.events.billing.BillingStreams;
import com.zerolaghub.projections.MemoryView;
import com.zerolaghub.projections.billing.BillingAccountsProjection;
import com.zerolaghub.projections.lease.RedisLease;
import com.zerolaghub.verticles.config.BillingConfig;
import com.zerolaghub.verticles.http.ApiRoutes;
import com.zerolaghub.verticles.http.Authentication;
import com.zerolaghub.verticles.http.ValidatedRequests;
import com.zerolaghub.verticles.monitoring.QueueSnapshot;
import com.zerolaghub.verticles.monitoring.WorkQueueMetrics;
import com.zerolaghub.verticles.projections.ProjectionsCapability;
import com.zerolaghub.verticles.runtime.Capability;
import com.zerolaghub.verticles.runtime.PlatformContext;
import com.zerolaghub.verticles.sim.StripeSimulator;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
  static final String LEASE_KEY = "zlh:lease:billing_enforcement";

  private final Authentication auth;
  private final ProjectionsCapability projections;
  private final HostShutdownPort hosts;
  private final ConsoleCloser consoles;
  private final Clock clock;
  private BillingLedger ledger;
  private MemoryView<Map<String, BillingState>> accounts;
  private BillingEnforcementWorker worker;
  private RedisLease lease;
  private long timer = -1;
  private PlatformContext ctx;
  private InNodeStripe inNodeStripe;

  public BillingCapability(Authentication auth, ProjectionsCapability projections,
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
    this.ctx = ctx;
    if (!InNodeStripe.wanted(ctx.config())) return start(ctx, api, ctx.config().billing());
    return InNodeStripe.start(ctx.vertx(), ctx.config().billing(), clock).compose(stripe -> {
      inNodeStripe = stripe;
      return start(ctx, api, stripe.config());
    });
  }

  private Future<Void> start(PlatformContext ctx, ApiRoutes api, BillingConfig config) {
    ctx.codec().register(BillingEvent.TYPES);
    BillingDecider decider = new BillingDecider(new EnforcementPolicy(config.warning(), config.finalWarning()));
    ledger = new BillingLedger(ctx.store(), ctx.codec(), decider);
    accounts = projections.runtime().register(new BillingAccountsProjection(decider));
    worker = new BillingEnforcementWorker(ledger, accounts, hosts, consoles, clock);
    WorkQueueMetrics.register(ctx.meterRegistry(), "billing_enforcement", this::dueEscalations, clock);
    StripeWebhookHandler webhook = new StripeWebhookHandler(ledger, config.webhookSecret(), config.webhookToleranceSeconds(),
        clock, ctx.meterRegistry());
    StripeCheckout checkout = new StripeCheckout(ctx.vertx(), config);
    api.routes(router -> router.post(StripeWebhookHandler.PATH).handler(webhook));
    api.operation("startCheckout", auth.required(), rc -> startCheckout(rc, checkout));
    api.operation("billingStatus", auth.required(), this::status);
    api.operation("setAccountStanding", auth.admin(), new BillingActions(ledger, ctx.pool(), clock)::setStanding);
    lease = new RedisLease(ctx.vertx(), ctx.redis(), LEASE_KEY, com.zerolaghub.verticles.runtime.NodeName.of(ctx.config()) + "/billing-" + UUID.randomUUID(), Duration.ofSeconds(15));
    long every = Math.max(10, config.checkInterval().toMillis());
    lease.keep(token -> timer = ctx.vertx().setPeriodic(every, id -> worker.runOnce()), () -> cancelTimer());
    return Future.succeededFuture();
  }

  @Override
  public void serving(int httpPort) {
    if (inNodeStripe != null) inNodeStripe.serving(httpPort);
  }

  /** The enforcement lease goes to another node now; a pass missed meanwhile is taken at its next one. */
  @Override
  public Future<Void> drain() {
    cancelTimer();
    return lease == null ? Future.succeededFuture() : lease.stop();
  }

  @Override
  public Future<Void> stop() {
    cancelTimer();
    Future<Void> released = lease == null ? Future.succeededFuture() : lease.stop();
    return inNodeStripe == null ? released : released.eventually(() -> inNodeStripe.stop());
  }

  /** The node's own Stripe simulator, when it runs one (simulated mode without a Stripe key). */
  public Optional<StripeSimulator> stripeSimulator() {
    return Optional.ofNullable(inNodeStripe).map(InNodeStripe::simulator);
  }

  private void cancelTimer() {
    if (timer >= 0 && ctx != null) ctx.vertx().cancelTimer(timer);
    timer = -1;
  }

  /**
   * The {@code billing_enforcement} queue: accounts whose next dunning step fell due and was not
   * taken yet, oldest due first. A worker that stopped taking them shows here as a growing age.
   */
  private QueueSnapshot dueEscalations() {
    Instant now = clock.instant();
    long due = 0;
    Instant oldest = null;
    for (BillingState s : accounts.current().values()) {
      Instant at = ledger.decider().nextEscalationAt(s);
      if (at == null || at.isAfter(now)) continue;
      due++;
      if (oldest == null || at.isBefore(oldest)) oldest = at;
    }
    return new QueueSnapshot(due, oldest);
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
    return s == null ? List.of() : BillingAnnouncements.of(s, ledger.decider().nextEscalationAt(s));
  }

  /**
   * The guard every destructive path calls: a request with a billing cause is refused with a
   * FORBIDDEN rejection after {@code billing.destructive-action-refused} was recorded.
   * Succeeds (nothing recorded) when the request may proceed.
   */
  public Future<Void> refuseIfBillingCause(DestructiveActionRequested request) {
    Optional<BillingEvent.DestructiveActionRefused> refused = DestructiveActionGuard.refusal(request, clock.instant());
    if (refused.isEmpty()) return Future.succeededFuture();
    return ctx.store().append(BillingStreams.billing(request.accountId()), ExpectedVersion.ANY,
            List.of(NewEvent.of(refused.get(), EventMetadata.system("system:billing-guard").withCausation(request.cause()))))
        .compose(r -> Future.failedFuture(DestructiveActionGuard.rejection(request)));
  }

  /** The enforcement worker's one pass (the lease holder runs it every {@code billing.checkInterval}). */
  public Future<List<String>> runEnforcementPass() {
    return worker.runOnce();
  }

  /** Completes when the billing read model has caught up with the log at start. */
  public Future<Void> caughtUp() {
    return accounts.whenCaughtUp();
  }

  private void startCheckout(RoutingContext rc, StripeCheckout checkout) {
    String account = Authentication.principal(rc).userId();
    String plan = ValidatedRequests.body(rc).getString("plan");
    checkout.create(account, null, plan)
        .compose(created -> ledger.handle(new BillingCommand.StartCheckout(account, plan, created.sessionId(), clock.instant()),
            EventMetadata.system("user:" + account)).map(created))
        .onSuccess(created -> rc.response().setStatusCode(201).putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("sessionId", created.sessionId()).put("url", created.url()).encode()))
        .onFailure(rc::fail);
  }

  private void status(RoutingContext rc) {
    String account = Authentication.principal(rc).userId();
    ledger.load(account).onSuccess(loaded -> {
      BillingState s = loaded.state();
      Instant next = ledger.decider().nextEscalationAt(s);
      JsonObject body = new JsonObject().put("accountId", account).put("enforcement", s.enforcement().label())
          .put("outstandingInvoices", new JsonArray(List.copyOf(s.outstandingInvoices())));
      if (s.plan() != null) body.put("plan", s.plan());
      if (s.subscriptionStatus() != null) body.put("subscriptionStatus", s.subscriptionStatus());
      if (s.since() != null) body.put("since", s.since().toString());
      if (next != null) body.put("nextEscalationAt", next.toString());
      rc.json(body);
    }).onFailure(rc::fail);
  }
}
