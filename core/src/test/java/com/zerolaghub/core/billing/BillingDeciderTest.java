package com.zerolaghub.core.billing;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.core.command.Rejection;
import com.zerolaghub.core.support.HumanTime;
import com.zerolaghub.events.billing.BillingEvent;
import com.zerolaghub.events.billing.BillingEvent.EnforcementChanged;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BillingDeciderTest {
  static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  final BillingDecider decider = new BillingDecider(new EnforcementPolicy(Duration.ofDays(3), Duration.ofDays(4)));
  final List<BillingEvent> history = new ArrayList<>();

  List<BillingEvent> run(BillingCommand c) {
    List<BillingEvent> out = decider.decide(c, decider.fold(history));
    history.addAll(out);
    return out;
  }

  BillingState state() {
    return decider.fold(history);
  }

  @Test
  void aFailedPaymentWarnsThenTheTimerEscalatesToSuspension() {
    run(new BillingCommand.RecordPaymentFailed("u1", "in_1", T0, "stripe:evt_1", T0));
    assertThat(state().enforcement()).isEqualTo(Enforcement.WARNING);
    assertThat(run(new BillingCommand.Escalate("u1", T0.plus(Duration.ofDays(2))))).isEmpty();
    run(new BillingCommand.Escalate("u1", T0.plus(Duration.ofDays(3))));
    assertThat(state().enforcement()).isEqualTo(Enforcement.FINAL_WARNING);
    assertThat(decider.nextEscalationAt(state())).isEqualTo(T0.plus(Duration.ofDays(7)));
    run(new BillingCommand.Escalate("u1", T0.plus(Duration.ofDays(7))));
    assertThat(state().enforcement()).isEqualTo(Enforcement.SUSPENDED);
    assertThat(decider.nextEscalationAt(state())).isNull();
    List<BillingEvent> back = run(new BillingCommand.RecordInvoicePaid("u1", "in_1", T0, T0.plus(Duration.ofDays(8)),
        "stripe:evt_2", T0.plus(Duration.ofDays(8))));
    assertThat(back).last().isEqualTo(new EnforcementChanged("u1", "suspended", "good", "stripe:evt_2",
        T0.plus(Duration.ofDays(8))));
  }

  @Test
  void aLateTimerCatchesUpBothStepsDatedWhenDue() {
    run(new BillingCommand.RecordPaymentFailed("u1", "in_1", T0, "stripe:evt_1", T0));
    List<BillingEvent> steps = run(new BillingCommand.Escalate("u1", T0.plus(Duration.ofDays(30))));
    assertThat(steps).extracting(e -> ((EnforcementChanged) e).to()).containsExactly("final_warning", "suspended");
    assertThat(steps).extracting(e -> ((EnforcementChanged) e).at())
        .containsExactly(T0.plus(Duration.ofDays(3)), T0.plus(Duration.ofDays(7)));
    assertThat(steps).allMatch(e -> ((EnforcementChanged) e).cause().equals("timer"));
  }

  @Test
  void paidBeforeFailedForTheSameInvoiceStaysGood() {
    run(new BillingCommand.RecordInvoicePaid("u1", "in_1", T0, T0.plusSeconds(60), "stripe:evt_2", T0.plusSeconds(70)));
    assertThat(run(new BillingCommand.RecordPaymentFailed("u1", "in_1", T0, "stripe:evt_1", T0.plusSeconds(80)))).isEmpty();
    assertThat(state().enforcement()).isEqualTo(Enforcement.GOOD);
  }

  @Test
  void aRetriedFailureDoesNotRestartTheDunningClock() {
    run(new BillingCommand.RecordPaymentFailed("u1", "in_1", T0, "stripe:evt_1", T0));
    assertThat(run(new BillingCommand.RecordPaymentFailed("u1", "in_1", T0, "stripe:evt_3", T0.plus(Duration.ofDays(2))))).isEmpty();
    assertThat(state().since()).isEqualTo(T0);
  }

  @Test
  void anOlderPastDueSubscriptionAfterAPaymentChangesNothing() {
    run(new BillingCommand.RecordInvoicePaid("u1", "in_1", T0, T0.plusSeconds(100), "stripe:evt_2", T0.plusSeconds(100)));
    run(new BillingCommand.RecordSubscription("u1", "sub_1", "past_due", "pro", T0.plusSeconds(50), "stripe:evt_1", T0.plusSeconds(120)));
    assertThat(state().enforcement()).isEqualTo(Enforcement.GOOD);
    assertThat(run(new BillingCommand.RecordSubscription("u1", "sub_1", "active", "pro", T0.plusSeconds(40), "stripe:evt_0",
        T0.plusSeconds(130)))).isEmpty();
  }

  @Test
  void gatesFollowTheState() {
    assertThat(BillingGate.check(Enforcement.WARNING, GatedAction.BACKUP)).isEmpty();
    assertThat(BillingGate.check(Enforcement.FINAL_WARNING, GatedAction.BACKUP)).get()
        .extracting(Rejection::code).isEqualTo("billing-final-warning");
    assertThat(BillingGate.check(Enforcement.FINAL_WARNING, GatedAction.GAME_START)).isEmpty();
    for (GatedAction a : GatedAction.values()) {
      Rejection r = BillingGate.check(Enforcement.SUSPENDED, a).orElseThrow();
      assertThat(r.kind()).isEqualTo(Rejection.Kind.CONFLICT);
      assertThat(r.getMessage()).contains("suspended");
      assertThat(BillingGate.check(Enforcement.GOOD, a)).isEmpty();
    }
  }

  @Test
  void aDestructiveActionWithABillingCauseIsRefusedAndAudited() {
    var refused = DestructiveActionGuard.refusal(
        new DestructiveActionRequested("u1", "delete-server", "server/s1", "billing:suspended"), T0);
    assertThat(refused).get().extracting(BillingEvent.DestructiveActionRefused::target).isEqualTo("server/s1");
    assertThat(DestructiveActionGuard.refusal(new DestructiveActionRequested("u1", "delete-server", "server/s1", "user:u1"), T0))
        .isEmpty();
  }

  @Test
  void announcementsNameTheState() {
    run(new BillingCommand.RecordPaymentFailed("u1", "in_1", T0, "stripe:evt_1", T0));
    assertThat(BillingAnnouncements.of(state(), decider.nextEscalationAt(state())))
        .singleElement().satisfies(a -> {
          assertThat(a.kind()).isEqualTo("billing");
          assertThat(a.severity()).isEqualTo("warning");
          assertThat(a.since()).isEqualTo(T0);
          // a person reads it: "before 7 Dec 2026, 17:40 UTC", not an ISO instant
          assertThat(a.message()).contains(HumanTime.format(decider.nextEscalationAt(state())))
              .doesNotContainPattern("\\d{4}-\\d\\d-\\d\\dT");
        });
    assertThat(BillingAnnouncements.of(BillingState.initial(), null)).isEmpty();
  }

  @Test
  void anAdministratorSuspendsByHandAndRestoresWithTheReasonAsCause() {
    List<BillingEvent> suspended = run(new BillingCommand.SetStandingByHand("u1", Enforcement.SUSPENDED, "chargeback", T0));
    assertThat(suspended).extracting(e -> ((EnforcementChanged) e).cause()).containsExactly("by hand: chargeback");
    assertThat(state().enforcement()).isEqualTo(Enforcement.SUSPENDED);
    assertThat(run(new BillingCommand.SetStandingByHand("u1", Enforcement.SUSPENDED, "again", T0))).isEmpty();
    assertThat(run(new BillingCommand.Escalate("u1", T0.plus(Duration.ofDays(30))))).isEmpty();
    run(new BillingCommand.SetStandingByHand("u1", Enforcement.GOOD, "settled", T0.plusSeconds(60)));
    assertThat(state().enforcement()).isEqualTo(Enforcement.GOOD);
  }
}
