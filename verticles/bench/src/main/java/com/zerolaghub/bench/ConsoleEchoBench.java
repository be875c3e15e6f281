package com.zerolaghub.bench;

import com.zerolaghub.bench.proxy.ChildJvm;
import com.zerolaghub.bench.proxy.NginxProcess;
import com.zerolaghub.bench.proxy.ProcessCpu;
import com.zerolaghub.simulators.AgentSimulator;
import com.zerolaghub.simulators.AgentSimulatorOptions;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * {@code bench proxy}, console part: typed input echoed by agent simulators' PTY consoles (one
 * agent per console), with the load client talking to the agents directly, through nginx
 * proxying the same WebSockets (the same extra hop: the anchor), and through the
 * {@link com.zerolaghub.proxy.impl.console.ConsoleBridge} (session cookie, agent token added by the
 * bridge). nginx and the bridge (in a JVM of its own, {@link ConsoleBridgeProcess}) each have
 * their CPU time per echoed message read from {@code /proc}. Two loads: a closed loop (each
 * console keeps {@code window} inputs in flight: throughput) and an open loop (each console
 * types at a fixed rate whatever the answers: latency at a given load).
 */
final class ConsoleEchoBench {
  /** What one target measured: echoed inputs per second, their round trips, and the hop's CPU per message. */
  record Result(String target, double messagesPerSecond, double p50Millis, double p99Millis, long messages,
      double cpuMicrosPerMessage) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%-7s %9.0f msg/s   p50 %6.2f ms   p99 %6.2f ms   cpu %5.1f µs/msg",
          target, messagesPerSecond, p50Millis, p99Millis, cpuMicrosPerMessage);
    }
  }

  /** How consoles type: a window in flight ({@code perSecond} 0), or {@code perSecond} inputs each, open loop. */
  record Load(int consoles, int window, int perSecond, int payloadBytes) {
    static Load closed(int consoles, int window, int payloadBytes) {
      return new Load(consoles, window, 0, payloadBytes);
    }

    static Load open(int consoles, int perSecond, int payloadBytes) {
      return new Load(consoles, 0, perSecond, payloadBytes);
    }
  }

  static final String DIRECT = "direct";
  static final String NGINX = "nginx";
  static final String BRIDGE = "bridge";

  private final Vertx vertx;
  private final String nginx;
  private final List<String> bridgeJvmFlags;

  /** @param nginx path of nginx, or null to leave that target out */
  ConsoleEchoBench(Vertx vertx, String nginx, List<String> bridgeJvmFlags) {
    this.vertx = vertx;
    this.nginx = nginx;
    this.bridgeJvmFlags = bridgeJvmFlags;
  }

  /**
   * Direct, nginx and bridged, alternating for {@code rounds}; each measured run after a warm-up
   * of its own connections. Agents, nginx and the bridge's JVM live through all rounds (the
   * bridge's JIT warms up once, over {@code firstWarmup}); connections are opened per run.
   */
  List<Result> run(Load load, Duration firstWarmup, Duration warmup, Duration duration, int rounds) throws Exception {
    List<AgentSimulator> agents = new ArrayList<>();
    NginxProcess viaNginx = null;
    ChildJvm bridge = null;
    try {
      for (int i = 0; i < load.consoles(); i++) {
        AgentSimulator sim = new AgentSimulator(vertx, AgentSimulatorOptions.game("127.0.0.1", ConsoleBridgeProcess.AGENT_TOKEN).withPort(0));
        await(sim.start());
        agents.add(sim);
      }
      List<Integer> ports = agents.stream().map(AgentSimulator::port).toList();
      if (nginx != null) {
        viaNginx = NginxProcess.startWebSockets(nginx, freePort(), ports);
      }
      bridge = new ChildJvm(ConsoleBridgeProcess.class, bridgeJvmFlags, ports.stream().map(String::valueOf).collect(Collectors.joining(",")));
      List<Result> results = new ArrayList<>();
      for (int round = 0; round < rounds; round++) {
        Duration before = round == 0 ? firstWarmup : warmup;
        results.add(measure(DIRECT, load, ports, null, null, before, duration));
        if (viaNginx != null) {
          results.add(measure(NGINX, load, ports, viaNginx, null, before, duration));
        }
        results.add(measure(BRIDGE, load, ports, null, bridge, before, duration));
      }
      return results;
    } finally {
      if (viaNginx != null) viaNginx.close();
      if (bridge != null) bridge.close();
      for (AgentSimulator sim : agents) await(sim.stop());
    }
  }

  private Result measure(String target, Load load, List<Integer> ports, NginxProcess viaNginx, ChildJvm bridge, Duration warmup,
      Duration duration) throws Exception {
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(load.consoles() + 1));
    List<Connection> open = new ArrayList<>();
    try {
      long pid = viaNginx != null ? viaNginx.pid() : bridge != null ? bridge.pid() : -1;
      for (int i = 0; i < load.consoles(); i++) {
        open.add(await(connect(client, connectOptions(target, i, ports, viaNginx, bridge), target.equals(BRIDGE), load)));
      }
      Thread.sleep(500); // the agents' scrollback of earlier runs arrives before any input
      for (Connection c : open) c.start();
      Thread.sleep(warmup.toMillis());
      for (Connection c : open) c.reset();
      long cpuBefore = pid < 0 ? -1 : ProcessCpu.nanosWithChildren(pid);
      long t0 = System.nanoTime();
      Thread.sleep(duration.toMillis());
      long echoed = 0;
      for (Connection c : open) echoed += c.echoed.get();
      double seconds = (System.nanoTime() - t0) / 1e9;
      long cpuAfter = pid < 0 ? -1 : ProcessCpu.nanosWithChildren(pid);
      LatencyRecorder all = new LatencyRecorder((int) Math.min(Integer.MAX_VALUE - 8, echoed + load.consoles() * 64L));
      for (Connection c : open) c.stopInto(all);
      double cpu = cpuBefore < 0 || cpuAfter < 0 || echoed == 0 ? Double.NaN : (cpuAfter - cpuBefore) / 1000.0 / echoed;
      return new Result(target, echoed / seconds, all.percentileMillis(50), all.percentileMillis(99), echoed, cpu);
    } finally {
      for (Connection c : open) c.socket.close();
      await(client.close());
    }
  }

  private static WebSocketConnectOptions connectOptions(String target, int i, List<Integer> agentPorts, NginxProcess nginx,
      ChildJvm bridge) {
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1");
    if (target.equals(BRIDGE)) {
      return options.setPort(bridge.port()).setURI("/api/servers/srv-" + i + "/console")
          .addHeader("Cookie", "zlh_session=" + ConsoleBridgeProcess.SESSION).addHeader("Origin", ConsoleBridgeProcess.ORIGIN);
    }
    options.addHeader("Authorization", "Bearer " + ConsoleBridgeProcess.AGENT_TOKEN);
    return target.equals(NGINX)
        ? options.setPort(nginx.port()).setURI("/agent/" + i + "/console")
        : options.setPort(agentPorts.get(i)).setURI("/console");
  }

  /** Opens on a context of its own, so each connection's handlers run on one event loop. */
  private Future<Connection> connect(WebSocketClient client, WebSocketConnectOptions options, boolean bridged, Load load) {
    Context context = vertx.getOrCreateContext();
    Promise<Connection> ready = Promise.promise();
    context.runOnContext(v -> client.connect(options).onComplete(result -> {
      if (result.failed()) {
        ready.fail(result.cause());
        return;
      }
      Connection c = new Connection(context, result.result(), load);
      if (!bridged) {
        ready.complete(c);
        return;
      }
      // the bridge says connecting, then connected: only then does input reach the agent
      result.result().textMessageHandler(text -> {
        if ("connected".equals(new JsonObject(text).getString("state"))) ready.tryComplete(c);
      });
    }));
    return ready.future();
  }

  /** One console under load, round trips timed from when each input was sent (closed) or due (open). */
  private final class Connection {
    final Context context;
    final WebSocket socket;
    final Load load;
    final String input;
    final ArrayDeque<Long> sent = new ArrayDeque<>();
    final List<Long> roundTrips = new ArrayList<>();
    final AtomicLong echoed = new AtomicLong();
    boolean running;
    long timer = -1;

    Connection(Context context, WebSocket socket, Load load) {
      this.context = context;
      this.socket = socket;
      this.load = load;
      this.input = new JsonObject().put("type", "input").put("data", "x".repeat(load.payloadBytes())).encode();
      socket.binaryMessageHandler(bytes -> {
        Long at = sent.poll();
        if (at == null) return; // scrollback from an earlier round
        long now = System.nanoTime();
        roundTrips.add(now - at);
        echoed.incrementAndGet();
        if (running && load.perSecond() == 0) send(now);
      });
    }

    void start() {
      context.runOnContext(v -> {
        running = true;
        long now = System.nanoTime();
        if (load.perSecond() == 0) {
          for (int i = 0; i < load.window(); i++) send(now);
          return;
        }
        long interval = 1_000_000_000L / load.perSecond();
        long[] due = {now + ThreadLocalRandom.current().nextLong(interval)}; // consoles out of step
        // sends follow the schedule whatever the answers; each is timed from when it is written
        // (the timer's own 10 ms granularity is the load client's, not the hop's)
        timer = vertx.setPeriodic(Math.max(1, interval / 2_000_000), id -> {
          for (long at = System.nanoTime(); running && due[0] <= at; due[0] += interval) {
            send(at);
          }
        });
      });
    }

    void reset() throws Exception {
      Promise<Void> done = Promise.promise();
      context.runOnContext(v -> {
        roundTrips.clear();
        echoed.set(0);
        done.complete();
      });
      await(done.future());
    }

    void stopInto(LatencyRecorder recorder) throws Exception {
      Promise<Void> done = Promise.promise();
      context.runOnContext(v -> {
        running = false;
        vertx.cancelTimer(timer);
        for (long rt : roundTrips) recorder.record(rt);
        done.complete();
      });
      await(done.future());
    }

    private void send(long at) {
      sent.add(at);
      socket.writeTextMessage(input);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
