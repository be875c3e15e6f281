package com.zerolaghub.core.controller;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares desired state (from the log) with one bulk observation and lists every difference.
 * Pure: the same inputs give the same findings. Servers with an open operation are skipped
 * (their state is in flux); their operation is judged instead, by how long it made no progress.
 */
public final class DriftDetector {
  private final EdgeExpectation edge;
  private final Duration stuckAfter;

  public DriftDetector(EdgeExpectation edge, Duration stuckAfter) {
    this.edge = edge;
    this.stuckAfter = stuckAfter;
  }

  public List<Finding> detect(List<DesiredServer> desired, List<OpenOperation> operations, Observation seen, Instant now) {
    List<Finding> found = new ArrayList<>();
    for (DesiredServer s : desired) {
      if (!s.busy()) server(s, seen, found);
    }
    for (OpenOperation op : operations) {
      Duration quiet = Duration.between(op.lastEventAt(), now);
      if (quiet.compareTo(stuckAfter) > 0) {
        found.add(new Finding(Finding.keyOf("operation:" + op.operationId(), DriftKind.OPERATION_STUCK), op.serverId(),
            DriftKind.OPERATION_STUCK, evidence("operationId", op.operationId(), "type", op.type(),
                "lastProgressAt", op.lastEventAt().toString(), "quietSeconds", Long.toString(quiet.toSeconds()),
                "thresholdSeconds", Long.toString(stuckAfter.toSeconds()))));
      }
    }
    return found;
  }

  private void server(DesiredServer s, Observation seen, List<Finding> found) {
    String status = seen.containers().get(s.vmid());
    String ct = "CT " + s.vmid();
    if (status == null) {
      found.add(finding(s, DriftKind.CONTAINER_MISSING, evidence("expected", ct + " exists", "observed", ct + " not in /cluster/resources")));
      return; // nothing else about it can be right or repaired
    }
    boolean running = "running".equals(status);
    boolean known = running || "stopped".equals(status); // "unknown": its node is offline, no power verdict
    if (!known) {
      // fall through to the edge checks only
    } else if (s.suspended() && running) {
      found.add(finding(s, DriftKind.RUNNING_WHILE_SUSPENDED, evidence("expected", ct + " stopped (account suspended)", "observed", ct + " " + status)));
    } else if (!s.suspended() && s.shouldRun() && !running) {
      found.add(finding(s, DriftKind.CONTAINER_STOPPED, evidence("expected", ct + " running", "observed", ct + " " + status)));
    }
    Observation.AgentSeen agent = seen.agents().get(s.serverId());
    if (agent != null && running && !s.suspended()) {
      if (!agent.reachable()) {
        found.add(finding(s, DriftKind.AGENT_UNREACHABLE, evidence("expected", "agent at " + s.address() + " answers",
            "observed", agent.detail())));
      } else if (s.game() && ("crashed".equals(agent.gameState()) || "error".equals(agent.gameState()))) {
        found.add(finding(s, DriftKind.GAME_CRASHED, evidence("expected", "game process up or stopped on purpose",
            "observed", "game " + agent.gameState(), "crash", agent.detail() == null ? "" : agent.detail())));
      }
    }
    if (!s.game()) return;
    String name = edge.srvName(s.slug());
    String target = seen.srvRecords().get(name);
    if (target == null) {
      found.add(finding(s, DriftKind.SRV_MISSING, evidence("record", name, "expected", edge.srvTarget(), "observed", "no such SRV record")));
    } else if (!target.equalsIgnoreCase(edge.srvTarget())) {
      found.add(finding(s, DriftKind.SRV_WRONG, evidence("record", name, "expected", edge.srvTarget(), "observed", target)));
    }
    if (s.velocity() && s.shouldRun() && !s.suspended() && running && !seen.velocity().contains(s.slug())) {
      found.add(finding(s, DriftKind.VELOCITY_MISSING, evidence("name", s.slug(), "expected", "registered at " + s.address(),
          "observed", "not in Velocity's server list")));
    }
  }

  private static Finding finding(DesiredServer s, DriftKind kind, Map<String, String> evidence) {
    return new Finding(Finding.keyOf(s.serverId(), kind), s.serverId(), kind, evidence);
  }

  private static Map<String, String> evidence(String... pairs) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) m.put(pairs[i], pairs[i + 1]);
    return m;
  }
}
