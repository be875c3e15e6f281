package com.zerolaghub.projections.controller;

import com.zerolaghub.events.controller.RepairEvent;
import com.zerolaghub.events.controller.RepairEvent.DriftCleared;
import com.zerolaghub.events.controller.RepairEvent.DriftFound;
import com.zerolaghub.events.controller.RepairEvent.RepairFailed;
import com.zerolaghub.events.controller.RepairEvent.RepairWithdrawn;
import com.zerolaghub.events.controller.RepairEvent.RepairPlanned;
import com.zerolaghub.events.controller.RepairEvent.RepairStarted;
import com.zerolaghub.events.controller.RepairEvent.RepairSucceeded;
import com.zerolaghub.projections.DecodedEvent;
import com.zerolaghub.projections.EventTypeNames;
import com.zerolaghub.projections.MemoryProjection;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Folds drift and repair events into a {@link DriftBoard} on every node. */
public final class DriftBoardProjection implements MemoryProjection<DriftBoard> {
  public static final String NAME = "drift_board";
  static final int CLEARED_KEPT = 500;
  private static final Set<String> TYPES = EventTypeNames.of(RepairEvent.TYPES);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean handles(String eventType) {
    return TYPES.contains(eventType);
  }

  @Override
  public Model<DriftBoard> newModel() {
    return new Model<>() {
      private final Map<String, DriftBoard.OpenFinding> open = new LinkedHashMap<>();
      private final Deque<DriftBoard.ClearedFinding> cleared = new ArrayDeque<>();
      private final Map<String, DriftBoard.Repair> repairs = new HashMap<>();

      @Override
      public void apply(DecodedEvent event) {
        if (event.event() instanceof DriftFound f) {
          open.put(f.key(), new DriftBoard.OpenFinding(f.key(), f.findingId(), f.serverId(), f.kind(), f.evidence(), f.at()));
        } else if (event.event() instanceof DriftCleared c) {
          DriftBoard.OpenFinding was = open.remove(c.key());
          cleared.addFirst(new DriftBoard.ClearedFinding(c.key(), c.findingId(), c.serverId(), c.kind(),
              was == null ? null : was.foundAt(), c.at()));
          while (cleared.size() > CLEARED_KEPT) cleared.removeLast();
        } else if (event.event() instanceof RepairPlanned p) {
          repairs.put(p.repairId(), new DriftBoard.Repair(p.repairId(), p.findingId(), p.serverId(), p.action(), p.level(),
              p.posture(), "planned", p.detail(), p.at(), p.at()));
        } else if (event.event() instanceof RepairStarted s) {
          status(s.repairId(), "started", null, s);
        } else if (event.event() instanceof RepairSucceeded s) {
          status(s.repairId(), "succeeded", s.detail(), s);
        } else if (event.event() instanceof RepairFailed f) {
          status(f.repairId(), "failed", f.reason(), f);
        } else if (event.event() instanceof RepairWithdrawn w) {
          repairs.remove(w.repairId()); // will never run: off the list
        }
      }

      private void status(String repairId, String status, String detail, RepairEvent e) {
        DriftBoard.Repair r = repairs.get(repairId);
        if (r == null) return;
        repairs.put(repairId, new DriftBoard.Repair(r.repairId(), r.findingId(), r.serverId(), r.action(), r.level(), r.posture(),
            status, detail == null ? r.detail() : detail, r.plannedAt(), e.at()));
      }

      @Override
      public DriftBoard view() {
        ArrayList<DriftBoard.Repair> pending = new ArrayList<>();
        for (DriftBoard.Repair r : repairs.values()) if (r.pending()) pending.add(r);
        pending.sort(Comparator.comparing(DriftBoard.Repair::plannedAt));
        return new DriftBoard(Map.copyOf(open), new ArrayList<>(cleared), Map.copyOf(repairs), pending);
      }
    };
  }
}
