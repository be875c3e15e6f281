package com.zerolaghub.verticles.billing;

import com.zerolaghub.core.billing.BillingCommand;
import com.zerolaghub.core.billing.BillingState;
import com.zerolaghub.core.ports.ConsoleCloser;
import com.zerolaghub.core.billing.Enforcement;
import com.zerolaghub.core.ports.HostShutdownPort;
import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.projections.MemoryView;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code billing_enforcement} worker: escalates accounts whose dunning step fell due and
 * makes suspension real (game and dev hosts stopped, consoles closed with 4409). Everything it needs
 * comes from the log (the billing read model), so a restart or a flushed Redis loses nothing:
 * a step missed while no node held the lease is taken, dated when due, at the next pass. A
 * suspended account's still-running hosts are stopped again at every pass. It never deletes.
 */
final class BillingEnforcementWorker {
  private static final Logger LOG = LoggerFactory.getLogger(BillingEnforcementWorker.class);
  static final String ACTOR = "system:billing_enforcement";

  private final BillingActions ledger;
  private final MemoryView<Map<String, BillingState>> accounts;
  private final HostShutdownPort hosts;
  private final ConsoleCloser consoles;
  private final Clock clock;
  private boolean running;

  BillingEnforcementWorker(BillingActions ledger, MemoryView<Map<String, BillingState>> accounts, HostShutdownPort hosts,
      ConsoleCloser consoles, Clock clock) {
    this.ledger = ledger;
    this.accounts = accounts;
    this.hosts = hosts;
    this.consoles = consoles;
    this.clock = clock;
  }

  /** One pass over every account; passes never overlap. Answers the accounts it changed. */
  Future<List<String>> runOnce() {
    if (running) return Future.succeededFuture(List.of());
    running = true;
    Instant now = clock.instant();
    List<String> changed = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (BillingState s : accounts.current().values()) {
      Instant due = ledger.decider().nextEscalationAt(s);
      boolean escalate = due != null && !due.isAfter(now);
      if (!escalate && s.enforcement() != Enforcement.SUSPENDED) continue;
      String account = s.accountId();
      chain = chain.compose(v -> pass(account, now, changed).recover(err -> {
        LOG.warn("billing enforcement of account {} failed, retried at the next pass: {}", account, err.getMessage());
        return Future.succeededFuture();
      }));
    }
    return chain.map(v -> (List<String>) changed).onComplete(ar -> running = false);
  }

  private Future<Void> pass(String account, Instant now, List<String> changed) {
    return ledger.handle(new BillingCommand.Escalate(account, now), EventMetadata.system(ACTOR)).compose(result -> {
      if (result.changed()) changed.add(account);
      return result.state().enforcement() == Enforcement.SUSPENDED ? stopHosts(account, now) : Future.succeededFuture();
    });
  }

  private Future<Void> stopHosts(String account, Instant now) {
    String cause = "billing:suspended";
    return hosts.runningHosts(account).compose(running -> {
      Future<Void> chain = Future.succeededFuture();
      for (String serverId : running) {
        chain = chain
            .compose(v -> consoles.closeConsoles(serverId, ConsoleCloser.BILLING_SUSPENDED, "account suspended for billing"))
            .compose(v -> hosts.shutDown(serverId, cause));
      }
      if (running.isEmpty()) return chain;
      return chain.compose(v -> ledger.handle(new BillingCommand.RecordHostsShutDown(account, running, cause, now),
          EventMetadata.system(ACTOR))).mapEmpty();
    });
  }
}
