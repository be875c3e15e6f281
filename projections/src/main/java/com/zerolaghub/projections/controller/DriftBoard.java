package com.zerolaghub.projections.controller;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The controller's findings and repairs as the log says: open findings (what the next pass
 * diffs against), recently cleared ones, and every repair with its latest status. Immutable;
 * from {@link DriftBoardProjection}.
 */
public final class DriftBoard {
  public record OpenFinding(String key, String findingId, String serverId, String kind, Map<String, String> evidence,
                            Instant foundAt) {}

  public record ClearedFinding(String key, String findingId, String serverId, String kind, Instant foundAt,
                               Instant clearedAt) {}

  /** {@code status}: planned, started, succeeded or failed. */
  public record Repair(String repairId, String findingId, String serverId, String action, int level, String posture,
                       String status, String detail, Instant plannedAt, Instant updatedAt) {
    /** A live repair the repair worker has not finished. */
    public boolean pending() {
      return "live".equals(posture) && ("planned".equals(status) || "started".equals(status));
    }
  }

  public static final DriftBoard EMPTY = new DriftBoard(Map.of(), List.of(), Map.of(), List.of());

  private final Map<String, OpenFinding> open;
  private final List<ClearedFinding> cleared;
  private final Map<String, Repair> repairs;
  private final List<Repair> pending;

  DriftBoard(Map<String, OpenFinding> open, List<ClearedFinding> cleared, Map<String, Repair> repairs, List<Repair> pending) {
    this.open = open;
    this.cleared = cleared;
    this.repairs = repairs;
    this.pending = pending;
  }

  public Collection<OpenFinding> openFindings() {
    return open.values();
  }

  public Set<String> openKeys() {
    return open.keySet();
  }

  public OpenFinding open(String key) {
    return open.get(key);
  }

  /** Most recently cleared first (the last few hundred). */
  public List<ClearedFinding> recentlyCleared() {
    return cleared;
  }

  public Collection<Repair> repairs() {
    return repairs.values();
  }

  public Repair repair(String repairId) {
    return repairs.get(repairId);
  }

  /** Live repairs planned or started and not finished, oldest first: the repair worker's queue. */
  public List<Repair> pending() {
    return pending;
  }
}
