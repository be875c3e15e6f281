package com.zerolaghub.bench;

import com.zerolaghub.core.accounts.Principal;
import com.zerolaghub.core.accounts.SessionLookup;
import com.zerolaghub.core.infra.agent.AgentEndpoint;
import com.zerolaghub.core.infra.agent.AgentHttpAdapter;
import com.zerolaghub.core.infra.agent.AgentOptions;
import com.zerolaghub.events.accounts.Role;
import com.zerolaghub.proxy.ProxyMetrics;
import com.zerolaghub.proxy.ProxyServer;
import com.zerolaghub.proxy.SessionCredentials;
import com.zerolaghub.proxy.impl.console.ConsoleBridge;
import com.zerolaghub.proxy.console.ConsoleOptions;
import com.zerolaghub.proxy.routing.ConsoleTarget;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The console bridge alone in a JVM of its own, so {@code bench proxy} can read the CPU time it
 * spends per message from {@code /proc}. Args: the agents' ports, comma-separated (server
 * {@code srv-<i>} is on the i-th). Sessions: {@link #SESSION} only, owner of every server; the
 * per-connection message rate cap is lifted (it would measure the cap). Prints {@code port N}
 * once it listens; exits at end of input.
 */
public final class ConsoleBridgeProcess {
  static final String AGENT_TOKEN = "bench-agent-token";
  static final String SESSION = "bench-session";
  static final String ORIGIN = "http://panel.bench";

  private ConsoleBridgeProcess() {}

  public static void main(String[] args) throws Exception {
    List<Integer> ports = Arrays.stream(args[0].split(",")).map(Integer::parseInt).toList();
    Vertx vertx = Vertx.vertx();
    ProxyServer server = server(vertx, ports);
    int port = server.start(0).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    System.out.println("port " + port);
    System.out.flush();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    while (in.readLine() != null) {
      // nothing to answer: the parent reads our CPU from /proc
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    System.exit(0);
  }

  /** The bridge on as many event loops as cores, as a node mounts it. */
  static ProxyServer server(Vertx vertx, List<Integer> agentPorts) {
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
        .withAllowedOrigins(Set.of(ORIGIN));
    ConsoleBridge bridge = new ConsoleBridge(vertx, id -> {
      int i = Integer.parseInt(id.substring("srv-".length()));
      return Optional.of(new ConsoleTarget(id, owner.userId(), new AgentEndpoint("127.0.0.1", agentPorts.get(i), AGENT_TOKEN), false));
    }, new AgentHttpAdapter(vertx, AgentOptions.defaults()), sessions, options, ProxyMetrics.unregistered());
    Router router = Router.router(vertx);
    router.get(ConsoleBridge.PATH).handler(bridge);
    return new ProxyServer(vertx, router, new HttpServerOptions().setHost("127.0.0.1"), Runtime.getRuntime().availableProcessors());
  }
}
