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
}
