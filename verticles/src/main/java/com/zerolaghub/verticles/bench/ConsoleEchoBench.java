package com.zerolaghub.verticles.bench;

import com.zerolaghub.core.accounts.Principal;
import com.zerolaghub.core.accounts.SessionLookup;
import com.zerolaghub.core.infra.agent.AgentEndpoint;
import com.zerolaghub.core.infra.agent.AgentHttpAdapter;
import com.zerolaghub.core.infra.agent.AgentOptions;
import com.zerolaghub.events.accounts.Role;
import com.zerolaghub.proxy.ProxyMetrics;
import com.zerolaghub.proxy.ProxyServer;
import com.zerolaghub.proxy.SessionCredentials;
import com.zerolaghub.proxy.console.ConsoleBridge;
import com.zerolaghub.proxy.console.ConsoleOptions;
import com.zerolaghub.proxy.routing.ConsoleTarget;
import com.zerolaghub.verticles.sim.AgentSimulator;
import com.zerolaghub.verticles.sim.AgentSimulatorOptions;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code bench proxy}, console part: typed input echoed by agent simulators' PTY consoles, once
 * with the load client talking to the agents directly and once through the {@link ConsoleBridge}
 * (session cookie, agent token added by the bridge). Each connection has its own agent and keeps
 * {@code window} inputs in flight. The bridge's per-connection message rate cap is lifted for the
 * run (it would measure the cap); everything else is the default.
 */
final class ConsoleEchoBench {
  private static final String AGENT_TOKEN = "bench-agent-token";
  private static final String SESSION = "bench-session";

  /** What one target measured: echoed inputs per second and their round trips. */
  record Result(String target, double messagesPerSecond, double p50Millis, double p99Millis, long messages) {}

  private final Vertx vertx;
  private final int connections;
  private final int window;
  private final int payloadBytes;

  ConsoleEchoBench(Vertx vertx, int connections, int window, int payloadBytes) {
    this.vertx = vertx;
    this.connections = connections;
    this.window = window;
    this.payloadBytes = payloadBytes;
  }

  /** Direct and bridged, alternating for {@code rounds}; each measured run after a warm-up of the same connections. */
  List<Result> run(Duration warmup, Duration duration, int rounds) throws Exception {
    List<Result> results = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      results.add(measure(false, warmup, duration));
      results.add(measure(true, warmup, duration));
    }
    return results;
  }

  private Result measure(boolean bridged, Duration warmup, Duration duration) throws Exception {
    List<AgentSimulator> agents = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      AgentSimulator sim = new AgentSimulator(vertx, AgentSimulatorOptions.game("127.0.0.1", AGENT_TOKEN).withPort(0));
      await(sim.start());
      agents.add(sim);
    }
    AgentHttpAdapter agentClient = new AgentHttpAdapter(vertx, AgentOptions.defaults());
    ProxyServer api = null;
    WebSocketClient client = vertx.createWebSocketClient();
    List<Connection> open = new ArrayList<>();
    try {
      if (bridged) {
        Principal owner = new Principal("user-bench", Role.CUSTOMER, "s-bench");
        SessionCredentials sessions = new SessionCredentials(new SessionLookup() {
          @Override
          public Optional<Principal> authenticate(String token, Instant now) {
            return SESSION.equals(token) ? Optional.of(owner) : Optional.empty();
          }

          @Override
          public boolean isLive(String sessionId, Instant now) {
            return owner.sessionId().equals(sessionId);
          }
        }, Clock.systemUTC());
        ConsoleOptions options = ConsoleOptions.defaults()
            .withMessageCaps(ConsoleOptions.DEFAULT_MAX_MESSAGE_BYTES, Integer.MAX_VALUE / 2, Integer.MAX_VALUE / 2)
            .withAllowedOrigins(java.util.Set.of("http://panel.bench"));
        ConsoleBridge bridge = new ConsoleBridge(vertx, id -> {
          int i = Integer.parseInt(id.substring("srv-".length()));
          return Optional.of(new ConsoleTarget(id, owner.userId(), new AgentEndpoint("127.0.0.1", agents.get(i).port(), AGENT_TOKEN), false));
        }, agentClient, sessions, options, ProxyMetrics.unregistered());
        Router router = Router.router(vertx);
        router.get(ConsoleBridge.PATH).handler(bridge);
        api = new ProxyServer(vertx, router, new HttpServerOptions().setHost("127.0.0.1"), Runtime.getRuntime().availableProcessors());
        int port = await(api.start(0));
        for (int i = 0; i < connections; i++) {
          open.add(await(connect(client, new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
              .setURI("/api/servers/srv-" + i + "/console").addHeader("Cookie", "zlh_session=" + SESSION)
              .addHeader("Origin", "http://panel.bench"), true)));
        }
      } else {
        for (int i = 0; i < connections; i++) {
          open.add(await(connect(client, new WebSocketConnectOptions().setHost("127.0.0.1").setPort(agents.get(i).port())
              .setURI("/console").addHeader("Authorization", "Bearer " + AGENT_TOKEN), false)));
        }
      }
      for (Connection c : open) c.start();
      Thread.sleep(warmup.toMillis());
      for (Connection c : open) c.reset();
      long t0 = System.nanoTime();
      Thread.sleep(duration.toMillis());
      long echoed = 0;
      for (Connection c : open) echoed += c.echoed.get();
      double seconds = (System.nanoTime() - t0) / 1e9;
      LatencyRecorder all = new LatencyRecorder((int) Math.min(Integer.MAX_VALUE - 8, echoed + connections * 16L));
      for (Connection c : open) c.stopInto(all);
      return new Result(bridged ? "bridge" : "direct", echoed / seconds, all.percentileMillis(50), all.percentileMillis(99), echoed);
    } finally {
      for (Connection c : open) c.socket.close();
      await(client.close());
      if (api != null) await(api.stop());
      agentClient.close();
      for (AgentSimulator sim : agents) await(sim.stop());
    }
  }

  /** Opens on a context of its own, so each connection's handlers run on one event loop. */
  private Future<Connection> connect(WebSocketClient client, WebSocketConnectOptions options, boolean bridged) {
    Context context = vertx.getOrCreateContext();
    Promise<Connection> ready = Promise.promise();
    context.runOnContext(v -> client.connect(options).onComplete(result -> {
      if (result.failed()) {
        ready.fail(result.cause());
        return;
      }
      Connection c = new Connection(context, result.result());
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

  /** One console under load: a window of inputs in flight, round trips timed in send order. */
  private final class Connection {
    final Context context;
    final WebSocket socket;
    final String input;
    final ArrayDeque<Long> sent = new ArrayDeque<>();
    final List<Long> roundTrips = new ArrayList<>();
    final AtomicLong echoed = new AtomicLong();
    boolean running;

    Connection(Context context, WebSocket socket) {
      this.context = context;
      this.socket = socket;
      this.input = new JsonObject().put("type", "input").put("data", "x".repeat(payloadBytes)).encode();
      socket.binaryMessageHandler(bytes -> {
        Long at = sent.poll();
        if (at == null) return; // scrollback from an earlier round
        long now = System.nanoTime();
        roundTrips.add(now - at);
        echoed.incrementAndGet();
        if (running) send(now);
      });
    }

    void start() {
      context.runOnContext(v -> {
        running = true;
        long now = System.nanoTime();
        for (int i = 0; i < window; i++) send(now);
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
        for (long rt : roundTrips) recorder.record(rt);
        done.complete();
      });
      await(done.future());
    }

    private void send(long now) {
      sent.add(now);
      socket.writeTextMessage(input);
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
