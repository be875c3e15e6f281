package com.zerolaghub.bench;

import com.zerolaghub.core.infra.dns.SrvRecord;
import com.zerolaghub.core.servers.run.RunnerPorts;
import com.zerolaghub.core.servers.run.RunnerSettings;
import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.events.EventStore;
import com.zerolaghub.events.ExpectedVersion;
import com.zerolaghub.events.NewEvent;
import com.zerolaghub.events.StreamId;
import com.zerolaghub.events.servers.ProvisioningPhase;
import com.zerolaghub.events.servers.ResourcePlan;
import com.zerolaghub.events.servers.ServerEvent.ProvisioningStepCompleted;
import com.zerolaghub.events.servers.ServerEvent.ServerReady;
import com.zerolaghub.events.servers.ServerEvent.ServerRequested;
import com.zerolaghub.events.servers.ServerSpec;
import com.zerolaghub.projections.controller.DriftBoard;
import com.zerolaghub.verticles.config.DataConfig;
import com.zerolaghub.verticles.config.PlatformConfig;
import com.zerolaghub.verticles.controller.ControllerCapability;
import com.zerolaghub.verticles.projections.ProjectionsCapability;
import com.zerolaghub.verticles.runtime.Platform;
import com.zerolaghub.verticles.runtime.ServerPortsFor;
import com.zerolaghub.verticles.servers.ServersCapability;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One full drift pass over a fleet (default 10,000 game servers) against the simulators: the
 * log holds every server as provisioning would have left it; the Proxmox simulator lists the
 * containers, the Cloudflare simulator holds their SRV records and the Velocity simulator their
 * registrations. Measures passes back to back (wall time, and this process's CPU time per
 * server — simulators included, they run in-process), then injects drift (an SRV record
 * deleted through Cloudflare's API) and times until its finding is on the board, with passes
 * on their schedule ({@code controller.passIntervalMs}, 1 s here).
 */
public final class ReconcileBenchmark implements Benchmark {
  private static final Logger log = LoggerFactory.getLogger(ReconcileBenchmark.class);
  private static final int PASSES = 5;
  private static final int DRIFTS = 30;
  private static final int PASS_INTERVAL_MS = 1_000;

  @Override
  public String name() {
    return "reconcile";
  }

  @Override
  public String description() {
    return "full drift passes over a fleet against the simulators, and injected drift to finding (args: [servers, default 10000])";
  }

  @Override
  public void run(List<String> args, PrintWriter out) throws Exception {
    int fleet = args.isEmpty() ? 10_000 : Integer.parseInt(args.get(0));
    quietLogs();
    try (BenchDatabase db = new BenchDatabase()) {
      DataConfig data = new DataConfig(Files.createTempDirectory("zlh-bench-node").toString());
      PlatformConfig config = PlatformConfig.defaults().with(c -> c
          .http(h -> h.port(0).host("127.0.0.1"))
          .db(d -> d.host("localhost").port(db.pg.getPort()).database("postgres").user("postgres").password("postgres").poolSize(16))
          .data(data)
          .infra(i -> i.simTaskDurationMs(0))
          // seeded containers run no agent processes: probing them would only measure refused connections
          .controller(k -> k.leaseTtlMs(15_000).passIntervalMs(PASS_INTERVAL_MS).stuckOperationMs(3_600_000).agentChecksPerPass(0)));
      BenchAuthentication auth = new BenchAuthentication();
      ProjectionsCapability projections = new ProjectionsCapability(auth);
      ServersCapability servers = new ServersCapability(auth, projections);
      ControllerCapability controller = new ControllerCapability(auth, projections, ServerPortsFor.controller(servers.serverPorts()), owner -> false, Clock.systemUTC());
      Platform platform = Platform.builder(config)
          .capabilities(List.of(projections.setup(), servers, controller, projections.launch()))
          .start().toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES);
      try {
        List<Seeded> seeded = seed(platform, servers, fleet);
        while (servers.serverPorts().directory().current().serverCount() < fleet) Thread.sleep(20);
        while (!controller.leader()) Thread.sleep(20);
        log.info("reconcile bench: {} servers seeded; measuring passes", fleet);

        JsonArray passes = new JsonArray();
        List<Long> walls = new ArrayList<>();
        double cpuPerServerUs = 0;
        for (int i = 0; i < PASSES; i++) {
          long cpu0 = processCpuNanos();
          long t0 = System.nanoTime();
          JsonObject pass = await(controller.passNow());
          long wall = System.nanoTime() - t0;
          long cpu = processCpuNanos() - cpu0;
          walls.add(wall);
          cpuPerServerUs = cpu / 1_000.0 / fleet;
          passes.add(pass.put("wallMs", wall / 1_000_000).put("cpuMs", cpu / 1_000_000));
        }
        walls.sort(Long::compare);
        long median = walls.get(walls.size() / 2);

        LatencyRecorder toFinding = new LatencyRecorder(DRIFTS);
        RunnerPorts ports = servers.serverPorts().runners();
        RunnerSettings settings = servers.serverPorts().runnerSettings();
        for (int i = 0; i < DRIFTS; i++) {
          Seeded victim = seeded.get(ThreadLocalRandom.current().nextInt(seeded.size()));
          String name = settings.srvName(victim.slug);
          List<SrvRecord> records = await(ports.dns().findSrv(name));
          if (records.isEmpty()) continue; // drawn twice
          long t0 = System.nanoTime();
          await(ports.dns().deleteRecord(records.get(0).id()));
          String key = victim.serverId + ":srv-missing";
          while (controller.board().current().open(key) == null) Thread.sleep(2);
          toFinding.record(System.nanoTime() - t0);
        }
        DriftBoard board = controller.board().current();
        out.println(new JsonObject().put("bench", "reconcile").put("servers", fleet).put("cores", Runtime.getRuntime().availableProcessors())
            .put("pass_wall_ms_median", median / 1_000_000).put("passes_per_s", Math.round(1e11 / median) / 100.0)
            .put("cpu_us_per_server", Math.round(cpuPerServerUs * 100) / 100.0)
            .put("drift_to_finding_p50_ms", toFinding.percentileMillis(50))
            .put("drift_to_finding_p99_ms", toFinding.percentileMillis(99))
            .put("pass_interval_ms", PASS_INTERVAL_MS).put("open_findings", board.openKeys().size())
            .put("passes", passes).encode());
      } finally {
        platform.stop().toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES);
      }
    }
  }

  private record Seeded(String serverId, String slug) {}

  /** The fleet in the log and in the simulators, as finished provisioning leaves it. */
  private static List<Seeded> seed(Platform platform, ServersCapability servers, int fleet) throws Exception {
    EventStore store = platform.context().store();
    var proxmox = servers.simulators().orElseThrow().proxmox();
    RunnerPorts ports = servers.serverPorts().runners();
    RunnerSettings settings = servers.serverPorts().runnerSettings();
    int gamePort = platform.context().config().servers().gamePort();
    EventMetadata meta = EventMetadata.system("bench:seed");
    List<Seeded> seeded = new ArrayList<>(fleet);
    for (int i = 0; i < fleet; i++) {
      int vmid = 10_000 + i;
      String name = "g" + i;
      seeded.add(new Seeded(UUID.randomUUID().toString(), name + "-" + vmid));
      proxmox.seedContainer(vmid, name + "-" + vmid, true);
    }
    Vertx vertx = platform.context().vertx();
    LatencyRecorder ignored = new LatencyRecorder(1);
    await(ClosedLoop.run(vertx, fleet, 32, ignored, i -> {
      Seeded s = seeded.get(i);
      int vmid = 10_000 + i;
      String address = "127.2." + (i / 250) + "." + (1 + i % 250);
      String op = UUID.randomUUID().toString();
      Instant at = Instant.now();
      List<NewEvent> events = List.of(
          NewEvent.of(new ServerRequested(s.serverId, "owner-" + (i % 500), op, new ServerSpec.Game("g" + i, "vanilla", "game-2g"),
              new ResourcePlan("game-2g", 2048, 2, 10), 9000, at), meta),
          NewEvent.of(new ProvisioningStepCompleted(s.serverId, op, ProvisioningPhase.ALLOCATE_VMID, vmid, null, null, null, null, at), meta),
          NewEvent.of(new ProvisioningStepCompleted(s.serverId, op, ProvisioningPhase.START_CONTAINER, null, null, address, null, null, at), meta),
          NewEvent.of(new ProvisioningStepCompleted(s.serverId, op, ProvisioningPhase.PUBLISH_DNS, null, null, null, "seeded", null, at), meta),
          NewEvent.of(new ProvisioningStepCompleted(s.serverId, op, ProvisioningPhase.REGISTER_VELOCITY, null, null, null, null, null, at), meta),
          NewEvent.of(new ServerReady(s.serverId, op, at), meta));
      return store.append(StreamId.of("server", s.serverId), ExpectedVersion.NO_STREAM, events)
          .compose(r -> ports.dns().createSrv(settings.srvName(s.slug), settings.edgeHost(), settings.edgePort(), 0, 5))
          .compose(id -> ports.velocity().register(s.slug, address, gamePort));
    }));
    return seeded;
  }

  private static long processCpuNanos() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
  }

  private static void quietLogs() {
    for (String name : List.of("com.zerolaghub.http.request", "com.zerolaghub.verticles.controller")) {
      org.slf4j.Logger l = LoggerFactory.getLogger(name);
      if (l instanceof ch.qos.logback.classic.Logger logback) logback.setLevel(ch.qos.logback.classic.Level.WARN);
    }
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
  }
}
