package com.zerolaghub.core.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RepairPolicyTest {
  static Finding of(DriftKind kind) {
    return new Finding("s:" + kind.wireName(), "s", kind, Map.of("operationId", "op-1"));
  }

  @Test
  void levelOneRepairsAreDryRunUnlessConfiguredLive() {
    RepairPolicy dry = new RepairPolicy(Posture.DRY_RUN);
    assertThat(dry.plan(of(DriftKind.SRV_MISSING)).orElseThrow())
        .isEqualTo(new RepairPlan(RepairAction.EDGE_REPUBLISH, Posture.DRY_RUN, "restore the SRV record and the Velocity registration"));
    RepairPolicy live = new RepairPolicy(Posture.LIVE);
    assertThat(live.plan(of(DriftKind.VELOCITY_MISSING)).orElseThrow().posture()).isEqualTo(Posture.LIVE);
    assertThat(live.plan(of(DriftKind.OPERATION_STUCK)).orElseThrow().action()).isEqualTo(RepairAction.CLEAR_STALE_OPERATION_LOCK);
  }

  @Test
  void levelsTwoAndThreeAreOnlyPlannedEvenWhenLevelOneIsLive() {
    RepairPolicy live = new RepairPolicy(Posture.LIVE);
    for (DriftKind kind : new DriftKind[] {DriftKind.CONTAINER_STOPPED, DriftKind.RUNNING_WHILE_SUSPENDED, DriftKind.CONTAINER_MISSING}) {
      RepairPlan plan = live.plan(of(kind)).orElseThrow();
      assertThat(plan.action().level()).isGreaterThan(1);
      assertThat(plan.posture()).isEqualTo(Posture.PLANNED_ONLY);
    }
  }

  @Test
  void aSuspendedServerIsNeverRepairedTowardRunning() {
    RepairPlan plan = new RepairPolicy(Posture.LIVE).plan(of(DriftKind.RUNNING_WHILE_SUSPENDED)).orElseThrow();
    assertThat(plan.action()).isEqualTo(RepairAction.STOP_SUSPENDED_HOST);
    assertThat(plan.action()).isNotEqualTo(RepairAction.START_HOST);
  }

  @Test
  void onlyDryRunLevelOnePlansArePlannedAgainAndOnlyOnceLevelOneIsLive() {
    RepairPolicy live = new RepairPolicy(Posture.LIVE);
    assertThat(live.replans(1, "dry-run")).isTrue();
    assertThat(live.replans(1, "live")).isFalse();
    assertThat(live.replans(2, "planned-only")).isFalse();
    assertThat(new RepairPolicy(Posture.DRY_RUN).replans(1, "dry-run")).isFalse();
  }

  @Test
  void levelOneCannotBeConfiguredPlannedOnly() {
    assertThatThrownBy(() -> new RepairPolicy(Posture.PLANNED_ONLY)).isInstanceOf(IllegalArgumentException.class);
  }
}
