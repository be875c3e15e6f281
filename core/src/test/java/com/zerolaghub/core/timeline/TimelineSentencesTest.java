package com.zerolaghub.core.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TimelineSentencesTest {
  private static final String OWNER = "owner-1";

  private static Sentence say(String type, Map<String, Object> payload, String actor, String causation) {
    return TimelineSentences.describe(new TimelineEvent(type, "server", payload, actor, causation, OWNER));
  }

  @Test
  void aBillingSuspensionReadsAsHostStoppedByBilling() {
    Sentence s = say("server.host-action-requested", Map.of("action", "stop"), "system:billing", "billing:suspended");
    assertThat(s.text()).isEqualTo("host stopped by billing: suspended");
    assertThat(s.cause().kind()).isEqualTo("billing");
    assertThat(s.customerText()).isEqualTo("host stopped by billing: suspended");
  }

  @Test
  void aSucceededEdgeRepublishReadsAsSrvRecordRepublishedByRepair() {
    Sentence s = say("repair.succeeded", Map.of("action", "edge_republish", "detail", "SRV record r1 in place"),
        "system:repair-worker", null);
    assertThat(s.text()).isEqualTo("SRV record republished by repair: SRV record r1 in place");
    assertThat(s.customerText()).isEqualTo("SRV record republished by repair");
    assertThat(s.cause().kind()).isEqualTo("controller");
  }

  @Test
  void aLogoutReadsAsSessionEndedLogout() {
    Sentence s = say("account.session-revoked", Map.of("reason", "logout"), "user:" + OWNER, null);
    assertThat(s.text()).isEqualTo("session ended: logout");
    assertThat(s.cause().kind()).isEqualTo("customer");
  }

  @Test
  void anotherUserIsAnAdministratorNamedForOperatorsAndAnonymousForTheCustomer() {
    Sentence s = say("server.host-action-requested", Map.of("action", "restart"), "user:admin-9", null);
    assertThat(s.cause().kind()).isEqualTo("admin");
    assertThat(s.cause().adminId()).isEqualTo("admin-9");
    assertThat(s.cause().text()).isEqualTo("admin admin-9");
    assertThat(s.cause().customerText()).isEqualTo("an administrator").doesNotContain("admin-9");
  }

  @Test
  void anAdministratorsSessionEndReasonStaysWithOperators() {
    Sentence s = say("account.session-revoked", Map.of("reason", "admin: stolen laptop"), "user:admin-9", null);
    assertThat(s.text()).isEqualTo("session ended by an administrator: stolen laptop");
    assertThat(s.customerText()).isEqualTo("session ended by an administrator");
  }

  @Test
  void aTicketClosedWithAReasonNamesItForOperatorsOnly() {
    Sentence s = say("support.ticket-closed", Map.of("closedBy", "admin-9", "reason", "answered by mail"), "user:admin-9", null);
    assertThat(s.text()).isEqualTo("ticket closed: answered by mail");
    assertThat(s.customerText()).isEqualTo("ticket closed");
    assertThat(s.cause().adminId()).isEqualTo("admin-9");
    assertThat(say("support.ticket-closed", Map.of("closedBy", "admin-9"), "user:admin-9", null).text()).isEqualTo("ticket closed");
  }

  @Test
  void aReprovisionByHandReadsAsContainerSetUpAgainWithTheReasonForOperatorsOnly() {
    Sentence s = say("server.reprovision-requested", Map.of("requestedBy", "admin-9", "reason", "disk lost"), "user:admin-9", null);
    assertThat(s.text()).isEqualTo("container set up again by repair: disk lost");
    assertThat(s.customerText()).isEqualTo("container set up again by repair");
    assertThat(s.cause().adminId()).isEqualTo("admin-9");
  }

  @Test
  void aProjectionRebuildAndAnAuditExportNameTheAdministratorAndTheReasonForOperators() {
    Sentence rebuild = say("projection.rebuild-requested", Map.of("name", "accounts", "requestedBy", "admin-9", "reason", "upgrade check"),
        "user:admin-9", null);
    assertThat(rebuild.text()).isEqualTo("projection accounts rebuild requested: upgrade check");
    assertThat(rebuild.cause().adminId()).isEqualTo("admin-9");
    assertThat(rebuild.customerVisible()).isFalse();
    Sentence export = say("audit.exported", Map.of("accountId", "acc-1", "from", "2026-01-01T00:00:00Z", "to", "2026-02-01T00:00:00Z",
        "exportedBy", "admin-9", "reason", "dispute"), "user:admin-9", null);
    assertThat(export.text()).isEqualTo("audit export of account acc-1 from 2026-01-01T00:00:00Z to 2026-02-01T00:00:00Z: dispute");
    assertThat(export.customerVisible()).isFalse();
  }

  @Test
  void anAnnouncementExpiredByHandReadsWithItsReason() {
    Sentence s = say("announcement.expired", Map.of("expiredBy", "admin-9", "reason", "maintenance done early"), "user:admin-9", null);
    assertThat(s.text()).isEqualTo("announcement expired: maintenance done early");
    assertThat(s.cause().adminId()).isEqualTo("admin-9");
    assertThat(s.customerVisible()).isFalse();
  }

  @Test
  void driftEvidenceAndPlansAreHiddenFromCustomers() {
    Sentence found = say("drift.found", Map.of("kind", "srv-missing", "evidence", Map.of("expected", "SRV _minecraft")),
        "system:controller", null);
    assertThat(found.text()).isEqualTo("drift found: srv-missing (expected: SRV _minecraft)");
    assertThat(found.customerVisible()).isFalse();
    assertThat(say("repair.planned", Map.of("action", "start_host", "level", 2, "posture", "planned-only"), "system:controller", null)
        .customerVisible()).isFalse();
    assertThat(say("repair.run-requested", Map.of("action", "start_host", "level", 2, "reason", "customer asked"),
        "user:admin-9", null).text()).isEqualTo("repair start_host (level 2) run by hand: customer asked");
  }

  @Test
  void failuresTellOperatorsTheReasonAndCustomersTheStep() {
    Sentence s = say("server.provisioning-failed", Map.of("step", "clone", "reason", "storage full on pve2"),
        "system:operations-worker", null);
    assertThat(s.text()).isEqualTo("provisioning failed at clone: storage full on pve2");
    assertThat(s.customerText()).isEqualTo("provisioning failed at clone");
    assertThat(s.cause().kind()).isEqualTo("node");
  }

  @Test
  void causesFromEveryKindOfActor() {
    assertThat(TimelineSentences.cause("stripe", OWNER).kind()).isEqualTo("stripe");
    assertThat(TimelineSentences.cause("system:billing_enforcement", OWNER).kind()).isEqualTo("billing");
    assertThat(TimelineSentences.cause("system:controller", OWNER).kind()).isEqualTo("controller");
    assertThat(TimelineSentences.cause("system:operations-worker", OWNER).kind()).isEqualTo("node");
    assertThat(TimelineSentences.cause("operator:alice", OWNER).text()).isEqualTo("admin alice");
    assertThat(TimelineSentences.cause(null, OWNER).kind()).isEqualTo("system");
  }

  @Test
  void anUnknownTypeIsNamedForOperatorsOnly() {
    Sentence s = say("future.thing", Map.of(), "user:" + OWNER, null);
    assertThat(s.text()).isEqualTo("future.thing");
    assertThat(s.customerVisible()).isFalse();
  }

  @Test
  void aSuspensionByHandNamesTheAdministratorsReasonToOperatorsOnly() {
    Sentence s = say("billing.enforcement-changed", Map.of("from", "good", "to", "suspended", "cause", "by hand: chargeback"),
        "user:admin-9", null);
    assertThat(s.text()).isEqualTo("billing standing good → suspended by hand: chargeback");
    assertThat(s.customerText()).isEqualTo("billing standing good → suspended");
    assertThat(s.cause().kind()).isEqualTo("admin");
  }

  @Test
  void aRoleChangeByAnAdministratorReadsWithTheReason() {
    Sentence made = say("account.role-granted", Map.of("role", "admin", "grantedBy", "admin: joins the on-call rota"), "user:admin-9", null);
    assertThat(made.text()).isEqualTo("made an administrator by hand: joins the on-call rota");
    Sentence taken = say("account.role-granted", Map.of("role", "customer", "grantedBy", "admin: left the team"), "user:admin-9", null);
    assertThat(taken.text()).isEqualTo("administrator role taken away by hand: left the team");
    assertThat(taken.customerText()).isNull();
  }

  @Test
  void hostPowerByAnAdministratorReadsWithTheReasonForOperatorsAndWithoutForTheCustomer() {
    Sentence s = say("server.host-action-requested", Map.of("action", "restart"), "user:admin-9", "admin: stuck after the update");
    assertThat(s.text()).isEqualTo("host restart requested by hand: stuck after the update");
    assertThat(s.customerText()).isEqualTo("host restart requested");
    assertThat(s.cause().kind()).isEqualTo("admin");
  }

  @Test
  void anIdeOpenedByAnAdministratorTellsTheCustomerButKeepsTheReasonWithOperators() {
    Sentence s = say("server.ide-opened-by-admin", Map.of("adminId", "admin-9", "reason", "ticket 42: build fails"), "user:admin-9", null);
    assertThat(s.text()).isEqualTo("IDE opened by an administrator: ticket 42: build fails");
    assertThat(s.customerText()).isEqualTo("IDE opened by an administrator");
    assertThat(s.cause().adminId()).isEqualTo("admin-9");
  }

  @Test
  void aVelocityResyncByAnAdministratorReadsWithTheReasonForOperatorsOnly() {
    Sentence s = say("server.velocity-resync-requested", Map.of("adminId", "admin-9", "reason", "Velocity restarted"), "user:admin-9", null);
    assertThat(s.text()).isEqualTo("registered with Velocity again by hand: Velocity restarted");
    assertThat(s.customerVisible()).isFalse();
  }

  @Test
  void gamePowerByAnAdministratorReadsWithTheReasonForOperatorsAndWithoutForTheCustomer() {
    Sentence s = say("server.agent-action-requested", Map.of("action", "game-restart"), "user:admin-9", "admin: hung on world load");
    assertThat(s.text()).isEqualTo("game-restart requested by hand: hung on world load");
    assertThat(s.customerText()).isEqualTo("game-restart requested");
    assertThat(say("server.agent-action-requested", Map.of("action", "game-stop"), "user:owner-1", null).text())
        .isEqualTo("game-stop requested");
  }
}
