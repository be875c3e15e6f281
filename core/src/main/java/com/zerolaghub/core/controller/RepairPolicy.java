package com.zerolaghub.core.controller;

import java.util.Optional;

/**
 * Chooses the repair for a finding. Level 1 runs only when configured live; levels 2 and 3 are
 * always planned-only. Never plans anything that deletes, and never moves a suspended server
 * toward running.
 */
public final class RepairPolicy {
  private final Posture level1;

  public RepairPolicy(Posture level1) {
    if (level1 == Posture.PLANNED_ONLY) throw new IllegalArgumentException("level 1 is live or dry-run");
    this.level1 = level1;
  }

  public Posture level1() {
    return level1;
  }

  public Optional<RepairPlan> plan(Finding f) {
    switch (f.kind()) {
      case OPERATION_STUCK:
        return plan(RepairAction.CLEAR_STALE_OPERATION_LOCK, "mark operation " + f.evidence().get("operationId") + " stale");
      case SRV_MISSING:
      case SRV_WRONG:
      case VELOCITY_MISSING:
        return plan(RepairAction.EDGE_REPUBLISH, "restore the SRV record and the Velocity registration");
      case CONTAINER_STOPPED:
        return plan(RepairAction.START_HOST, "start the host");
      case RUNNING_WHILE_SUSPENDED:
        return plan(RepairAction.STOP_SUSPENDED_HOST, "stop the host of a suspended account");
      case CONTAINER_MISSING:
        return plan(RepairAction.REPROVISION, "recreate the container (a human decides)");
      case AGENT_UNREACHABLE:
        return plan(RepairAction.RESTART_HOST, "restart the host so its agent comes back");
      case GAME_CRASHED:
        return Optional.empty(); // the agent's own restart policy and the owner act; reported only
      default:
        return Optional.empty();
    }
  }

  /**
   * Whether a repair planned earlier, still planned and never started, is planned again now:
   * a level-1 plan made under dry-run once level 1 is live. (The other way round, a live plan
   * already queued still runs once, as the operations guide says.)
   */
  public boolean replans(int level, String posture) {
    return level == 1 && level1 == Posture.LIVE && Posture.DRY_RUN.wireName().equals(posture);
  }

  private Optional<RepairPlan> plan(RepairAction action, String detail) {
    Posture posture = action.level() == 1 ? level1 : Posture.PLANNED_ONLY;
    return Optional.of(new RepairPlan(action, posture, detail));
  }
}
