package com.zerolaghub.verticles.controller;

import com.zerolaghub.core.infra.dns.SrvRecord;
import com.zerolaghub.core.infra.proxmox.InventoryEntry;
import com.zerolaghub.core.infra.velocity.VelocityServer;
import com.zerolaghub.core.servers.run.RunnerPorts;
import com.zerolaghub.core.controller.DesiredServer;
import com.zerolaghub.core.controller.DriftDetector;
import com.zerolaghub.core.controller.DriftKind;
import com.zerolaghub.core.controller.EdgeExpectation;
import com.zerolaghub.core.controller.Finding;
import com.zerolaghub.core.controller.FindingsDiff;
import com.zerolaghub.core.controller.Observation;
import com.zerolaghub.core.controller.OpenOperation;
import com.zerolaghub.core.controller.Posture;
import com.zerolaghub.core.controller.RepairPlan;
import com.zerolaghub.core.controller.RepairPolicy;
import com.zerolaghub.events.Checkpoint;
import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.events.StreamId;
import com.zerolaghub.events.controller.RepairEvent.DriftCleared;
import com.zerolaghub.events.controller.RepairEvent.DriftFound;
import com.zerolaghub.events.controller.RepairEvent.RepairPlanned;
import com.zerolaghub.events.controller.RepairEvent.RepairWithdrawn;
import com.zerolaghub.events.WrongExpectedVersionException;
import com.zerolaghub.events.servers.ContainerKind;
import com.zerolaghub.events.servers.HostState;
import com.zerolaghub.projections.MemoryView;
import com.zerolaghub.projections.controller.DriftBoard;
import com.zerolaghub.projections.servers.ServerDirectory;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * One full drift pass: reads Proxmox's inventory, the zone's SRV records and Velocity's list in
 * bulk (three calls, however many servers) and a bounded sample of agents ({@link AgentProbe}), compares them with the log's servers and open
 * operations, and appends what changed — new findings with their planned repairs, and cleared
 * ones — under the controller's fence. Answers once its own appends are visible on the board,
 * so the next pass never finds the same drift twice.
 */
final class DriftPass {
  static final String FENCE = "zlh:lease:controller";

  /** What a pass saw and did. */
  record Result(Instant startedAt, long durationMs, int servers, int findings, int found, int cleared, int planned,
                List<String> liveRepairs) {}

  private final RepairActions actions;
  private final RunnerPorts ports;
  private final MemoryView<ServerDirectory> directory;
  private final MemoryView<DriftBoard> board;
  private final Predicate<String> suspended;
  private final DriftDetector detector;
  private final RepairPolicy policy;
  private final EdgeExpectation edge;
  private final Clock clock;
  private final AgentProbe agents;

  DriftPass(RepairActions actions, RunnerPorts ports, MemoryView<ServerDirectory> directory, MemoryView<DriftBoard> board,
            Predicate<String> suspended, DriftDetector detector, RepairPolicy policy, EdgeExpectation edge, Clock clock,
            AgentProbe agents) {
    this.actions = actions;
    this.ports = ports;
    this.directory = directory;
    this.board = board;
    this.suspended = suspended;
    this.detector = detector;
    this.policy = policy;
    this.edge = edge;
    this.clock = clock;
    this.agents = agents;
  }

  Future<Result> run(long fencingToken) {
    // A node just started may be elected before its board and directory have read the log: judged
    // against an empty board, every open finding would be found a second time.
    return Future.all(board.whenCaughtUp(), directory.whenCaughtUp()).compose(v -> runCaughtUp(fencingToken));
  }

  private Future<Result> runCaughtUp(long fencingToken) {
    Instant started = clock.instant();
    long t0 = System.nanoTime();
    Future<List<InventoryEntry>> inventory = ports.proxmox().inventory();
    Future<List<SrvRecord>> srv = ports.dns().listSrv();
    Future<List<VelocityServer>> velocity = ports.velocity().list();
    List<String> probeable = new ArrayList<>();
    for (DesiredServer s : desired(directory.current())) {
      if (s.shouldRun() && !s.busy() && !s.suspended()) probeable.add(s.serverId());
    }
    Future<Map<String, Observation.AgentSeen>> agentsSeen = agents.probe(probeable);
    return Future.all(inventory, srv, velocity, agentsSeen).compose(all -> {
      // desired state as of now, after the observation: a server created meanwhile is busy, not missing
      ServerDirectory dir = directory.current();
      Observation seen = observation(inventory.result(), srv.result(), velocity.result(), agentsSeen.result());
      List<DesiredServer> desired = desired(dir);
      // the inventory lags: what it alone says about power or presence is checked with the node first
      return new LiveStatusCheck(ports.proxmox()).confirm(detector.detect(desired, openOperations(dir), seen, clock.instant()),
          desired, seen).compose(checked -> judge(checked, dir, desired, agentsSeen.result(), fencingToken, started, t0));
    });
  }

  /** Findings from the checked observation, and what changed since the board: appended. */
  private Future<Result> judge(Observation seen, ServerDirectory dir, List<DesiredServer> desired,
                              Map<String, Observation.AgentSeen> agentsSeen, long fencingToken, Instant started, long t0) {
    List<Finding> findings = detector.detect(desired, openOperations(dir), seen, clock.instant());
    FindingsDiff raw = FindingsDiff.between(board.current().openKeys(), findings);
    // an agent finding of a server not probed this pass stays open: nobody looked
    List<String> cleared = new ArrayList<>();
    for (String key : raw.clearedKeys()) {
      DriftBoard.OpenFinding open = board.current().open(key);
      boolean agentKind = open != null && DriftKind.fromWire(open.kind()).fromAgentProbe();
      if (!agentKind || agentsSeen.containsKey(open.serverId())) cleared.add(key);
    }
    FindingsDiff diff = new FindingsDiff(raw.found(), cleared);
    EventMetadata metadata = EventMetadata.system("system:controller").fencedBy(FENCE, fencingToken);
    List<String> live = new ArrayList<>();
    return record(diff, findings, metadata, live).map(planned -> new Result(started, (System.nanoTime() - t0) / 1_000_000,
        desired.size(), findings.size(), diff.found().size(), diff.clearedKeys().size(), planned, live));
  }

  private Observation observation(List<InventoryEntry> inventory, List<SrvRecord> records, List<VelocityServer> registered,
                                  Map<String, Observation.AgentSeen> agentsSeen) {
    Map<Integer, String> containers = new HashMap<>(inventory.size() * 2);
    for (InventoryEntry e : inventory) if (!e.template()) containers.put(e.vmid(), e.status().wire());
    Map<String, String> srv = new HashMap<>(records.size() * 2);
    for (SrvRecord r : records) {
      String name = r.name().toLowerCase(Locale.ROOT);
      String target = r.target().toLowerCase(Locale.ROOT) + ":" + r.port();
      // a stray record beside the right one is not drift of ours: the edge one counts
      if (!edge.srvTarget().equals(srv.get(name))) srv.put(name, target);
    }
    Set<String> names = new HashSet<>(registered.size() * 2);
    for (VelocityServer v : registered) names.add(v.name());
    return new Observation(containers, srv, names, agentsSeen);
  }

  private List<DesiredServer> desired(ServerDirectory dir) {
    Set<String> busy = new HashSet<>();
    for (ServerDirectory.Operation op : dir.openOperations()) busy.add(op.serverId());
    List<DesiredServer> desired = new ArrayList<>(dir.serverCount());
    for (ServerDirectory.Server s : dir.servers()) {
      if (!s.provisioned() || s.vmid() == null) continue;
      desired.add(new DesiredServer(s.serverId(), s.vmid(), s.slug(),
          s.kind() == ContainerKind.GAME, s.address(),
          s.hostState() == HostState.RUNNING, suspended.test(s.ownerId()),
          busy.contains(s.serverId()), s.velocityRegistered()));
    }
    return desired;
  }

  private static List<OpenOperation> openOperations(ServerDirectory dir) {
    List<OpenOperation> ops = new ArrayList<>();
    for (ServerDirectory.Operation op : dir.openOperations()) {
      ops.add(new OpenOperation(op.operationId(), op.serverId(), op.type().wireName(), op.lastEventAt()));
    }
    return ops;
  }

  /**
   * Appends the diff one finding at a time, withdraws the planned repairs of cleared findings,
   * and plans again the dry-run ones the posture now runs; answers how many repairs it planned.
   */
  private Future<Integer> record(FindingsDiff diff, List<Finding> current, EventMetadata metadata, List<String> live) {
    DriftBoard now = board.current();
    Set<String> fresh = new HashSet<>();
    for (Finding f : diff.found()) fresh.add(f.key());
    Future<Checkpoint> chain = Future.succeededFuture(null);
    int[] planned = {0};
    for (Finding f : diff.found()) {
      chain = chain.compose(cp -> found(f, metadata, planned, live));
    }
    for (String key : diff.clearedKeys()) {
      DriftBoard.OpenFinding open = now.open(key);
      if (open == null) continue;
      chain = chain.compose(cp -> actions.drift(key,
          new DriftCleared(key, open.findingId(), open.serverId(), open.kind(), clock.instant()), metadata));
      for (DriftBoard.Repair r : plannedFor(now, open.findingId())) {
        chain = chain.compose(cp -> withdraw(r, "its finding cleared", metadata).map(w -> w == null ? cp : w));
      }
    }
    for (Finding f : current) {
      DriftBoard.OpenFinding open = fresh.contains(f.key()) ? null : now.open(f.key());
      if (open == null) continue;
      for (DriftBoard.Repair r : plannedFor(now, open.findingId())) {
        if (!policy.replans(r.level(), r.posture())) continue;
        chain = chain.compose(cp -> withdraw(r, "planned again: controller.level1 is live", metadata).compose(w ->
            w == null ? Future.succeededFuture(cp) : plan(f, open.findingId(), metadata, planned, live).map(p -> p == null ? w : p)));
      }
    }
    return chain.compose(last -> last == null ? Future.succeededFuture(planned[0])
        : board.whenApplied(last).map(v -> planned[0]));
  }

  private static List<DriftBoard.Repair> plannedFor(DriftBoard board, String findingId) {
    List<DriftBoard.Repair> out = new ArrayList<>();
    for (DriftBoard.Repair r : board.repairs()) {
      if (findingId.equals(r.findingId()) && "planned".equals(r.status())) out.add(r);
    }
    return out;
  }

  /** Withdraws a repair still only planned; null when a worker started it meanwhile (it runs). */
  private Future<Checkpoint> withdraw(DriftBoard.Repair r, String reason, EventMetadata metadata) {
    return actions.withdrawn(new RepairWithdrawn(r.repairId(), r.serverId(), r.action(), reason, clock.instant()), metadata)
        .recover(err -> err instanceof WrongExpectedVersionException ? Future.succeededFuture(null) : Future.failedFuture(err));
  }

  private Future<Checkpoint> found(Finding f, EventMetadata metadata, int[] planned, List<String> live) {
    String findingId = UUID.randomUUID().toString();
    Future<Checkpoint> appended = actions.drift(f.key(),
        new DriftFound(f.key(), findingId, f.serverId(), f.kind().wireName(), f.evidence(), clock.instant()), metadata);
    return appended.compose(cp -> plan(f, findingId, metadata, planned, live).map(p -> p == null ? cp : p));
  }

  /** Plans the policy's repair for the finding, if it has one; null when it has none. */
  private Future<Checkpoint> plan(Finding f, String findingId, EventMetadata metadata, int[] planned, List<String> live) {
    Optional<RepairPlan> plan = policy.plan(f);
    if (plan.isEmpty()) return Future.succeededFuture(null);
    RepairPlan p = plan.get();
    String repairId = UUID.randomUUID().toString();
    planned[0]++;
    if (p.posture() == Posture.LIVE) live.add(repairId);
    return actions.planned(new RepairPlanned(repairId, findingId, f.serverId(), p.action().wireName(), p.action().level(),
        p.posture().wireName(), p.detail(), clock.instant()), metadata);
  }

  /** Live repairs the log lists as not finished. */
  List<DriftBoard.Repair> pendingRepairs() {
    return board.current().pending();
  }

  static StreamId streamOf(String findingKey) {
    return StreamId.of("drift", findingKey);
  }
}
