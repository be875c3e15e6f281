package com.zerolaghub.core.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DriftDetectorTest {
  static final EdgeExpectation EDGE = new EdgeExpectation("play.example", "edge.play.example", 25565);
  static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
  final DriftDetector detector = new DriftDetector(EDGE, Duration.ofMinutes(15));

  static DesiredServer game(String id, int vmid) {
    return new DesiredServer(id, vmid, "alpha-" + vmid, true, "127.1.0." + (vmid % 250), true, false, false, true);
  }

  static Observation healthy(DesiredServer... servers) {
    Map<Integer, String> cts = new HashMap<>();
    Map<String, String> srv = new HashMap<>();
    Set<String> velocity = new HashSet<>();
    for (DesiredServer s : servers) {
      cts.put(s.vmid(), "running");
      srv.put(EDGE.srvName(s.slug()), EDGE.srvTarget());
      velocity.add(s.slug());
    }
    return new Observation(cts, srv, velocity);
  }

  @Test
  void aHealthyFleetHasNoFindings() {
    DesiredServer a = game("a", 101);
    DesiredServer b = game("b", 102);
    assertThat(detector.detect(List.of(a, b), List.of(), healthy(a, b), NOW)).isEmpty();
  }

  @Test
  void aDeletedSrvRecordIsFoundWithItsName() {
    DesiredServer a = game("a", 101);
    Observation seen = healthy(a);
    Map<String, String> srv = new HashMap<>(seen.srvRecords());
    srv.clear();
    List<Finding> found = detector.detect(List.of(a), List.of(), new Observation(seen.containers(), srv, seen.velocity()), NOW);
    assertThat(found).singleElement().satisfies(f -> {
      assertThat(f.kind()).isEqualTo(DriftKind.SRV_MISSING);
      assertThat(f.key()).isEqualTo("a:srv-missing");
      assertThat(f.evidence()).containsEntry("record", "_minecraft._tcp.alpha-101.play.example");
    });
  }

  @Test
  void anSrvRecordPointingElsewhereIsWrong() {
    DesiredServer a = game("a", 101);
    Observation seen = healthy(a);
    Observation moved = new Observation(seen.containers(), Map.of(EDGE.srvName(a.slug()), "evil.example:25565"), seen.velocity());
    assertThat(detector.detect(List.of(a), List.of(), moved, NOW)).extracting(Finding::kind).containsExactly(DriftKind.SRV_WRONG);
  }

  @Test
  void aVelocityRestartLosesRegistrationsOfRunningServersOnly() {
    DesiredServer running = game("a", 101);
    DesiredServer stopped = new DesiredServer("b", 102, "beta-102", true, null, false, false, false, true);
    Observation seen = healthy(running, stopped);
    Map<Integer, String> cts = new HashMap<>(seen.containers());
    cts.put(102, "stopped");
    List<Finding> found = detector.detect(List.of(running, stopped), List.of(), new Observation(cts, seen.srvRecords(), Set.of()), NOW);
    assertThat(found).extracting(Finding::key).containsExactly("a:velocity-missing");
  }

  @Test
  void aSuspendedServerFoundRunningIsReportedAndAStoppedOneIsFine() {
    DesiredServer suspended = new DesiredServer("a", 101, "alpha-101", true, null, false, true, false, true);
    Observation seen = healthy(suspended);
    assertThat(detector.detect(List.of(suspended), List.of(), seen, NOW)).extracting(Finding::kind)
        .containsExactly(DriftKind.RUNNING_WHILE_SUSPENDED);
    Map<Integer, String> cts = Map.of(101, "stopped");
    assertThat(detector.detect(List.of(suspended), List.of(), new Observation(cts, seen.srvRecords(), Set.of()), NOW)).isEmpty();
  }

  @Test
  void aMissingContainerIsOneFindingNotAFlurry() {
    DesiredServer a = game("a", 101);
    assertThat(detector.detect(List.of(a), List.of(), new Observation(Map.of(), Map.of(), Set.of()), NOW))
        .extracting(Finding::kind).containsExactly(DriftKind.CONTAINER_MISSING);
  }

  @Test
  void aServerWithAnOpenOperationIsNotJudgedButItsOperationIs() {
    DesiredServer busy = new DesiredServer("a", 101, "alpha-101", true, null, true, false, true, true);
    OpenOperation fresh = new OpenOperation("op-1", "a", "start", NOW.minus(Duration.ofMinutes(14)));
    OpenOperation stuck = new OpenOperation("op-2", "b", "provision", NOW.minus(Duration.ofMinutes(16)));
    List<Finding> found = detector.detect(List.of(busy), List.of(fresh, stuck), new Observation(Map.of(), Map.of(), Set.of()), NOW);
    assertThat(found).singleElement().satisfies(f -> {
      assertThat(f.kind()).isEqualTo(DriftKind.OPERATION_STUCK);
      assertThat(f.key()).isEqualTo("operation:op-2:operation-stuck");
      assertThat(f.evidence()).containsEntry("operationId", "op-2").containsEntry("quietSeconds", "960");
    });
  }

  @Test
  void findingsOpenAndClearBetweenPasses() {
    Finding srv = new Finding("a:srv-missing", "a", DriftKind.SRV_MISSING, Map.of());
    Finding vel = new Finding("a:velocity-missing", "a", DriftKind.VELOCITY_MISSING, Map.of());
    FindingsDiff diff = FindingsDiff.between(Set.of("a:srv-missing", "b:container-stopped"), List.of(srv, vel));
    assertThat(diff.found()).containsExactly(vel);
    assertThat(diff.clearedKeys()).containsExactly("b:container-stopped");
  }

  @Test
  void probedAgentsThatDoNotAnswerOrWhoseGameCrashedAreFindings() {
    DesiredServer a = game("a", 101);
    DesiredServer b = game("b", 102);
    DesiredServer c = game("c", 103);
    Observation seen = healthy(a, b, c);
    Observation probed = new Observation(seen.containers(), seen.srvRecords(), seen.velocity(), Map.of(
        "a", new Observation.AgentSeen(false, null, "connection refused"),
        "b", new Observation.AgentSeen(true, "crashed", "exit code 137"),
        "c", new Observation.AgentSeen(true, "running", null)));
    List<Finding> found = detector.detect(List.of(a, b, c), List.of(), probed, NOW);
    assertThat(found).extracting(Finding::key).containsExactlyInAnyOrder("a:agent-unreachable", "b:game-crashed");
    assertThat(found).filteredOn(f -> f.serverId().equals("a")).singleElement()
        .satisfies(f -> assertThat(f.evidence()).containsEntry("observed", "connection refused"));
  }
}
