package com.zerolaghub.verticles.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.core.accounts.Principal;
import com.zerolaghub.core.accounts.SessionLookup;
import com.zerolaghub.events.accounts.Role;
import com.zerolaghub.core.infra.agent.AgentEndpoint;
import com.zerolaghub.core.infra.agent.AgentHttpAdapter;
import com.zerolaghub.core.infra.agent.AgentOptions;
import com.zerolaghub.proxy.ProxyMetrics;
import com.zerolaghub.proxy.SessionCredentials;
import com.zerolaghub.proxy.impl.console.ConsoleBridge;
import com.zerolaghub.proxy.console.ConsoleOptions;
import com.zerolaghub.proxy.routing.ConsoleTarget;
import com.zerolaghub.simulators.AgentSimulator;
import com.zerolaghub.simulators.AgentSimulatorOptions;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Instant;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The proxy's console bridge against the real agent simulator (not the proxy's own fake). */
class ConsoleBridgeAgainstSimulatorTest {
  private static final String AGENT_TOKEN = "sim-agent-token";
  private static final String SESSION = "alice-session";
  private static final String PORTAL = "http://panel.test";
  private static final Duration WAIT = Duration.ofSeconds(5);

  private Vertx vertx;
  private AgentSimulator sim;
  private AgentHttpAdapter agents;
  private HttpServer api;
  private WebSocketClient portal;
  private Context portalContext;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    sim = new AgentSimulator(vertx, AgentSimulatorOptions.game("127.0.0.1", AGENT_TOKEN).withPort(0));
    await(sim.start());
    agents = new AgentHttpAdapter(vertx, AgentOptions.defaults());
    ConsoleTarget target = new ConsoleTarget("srv-1", "user-alice", new AgentEndpoint("127.0.0.1", sim.port(), AGENT_TOKEN), false);
    Principal alice = new Principal("user-alice", Role.CUSTOMER, "s-1");
    SessionCredentials sessions = new SessionCredentials(new SessionLookup() {
      @Override
      public Optional<Principal> authenticate(String token, Instant now) {
        return SESSION.equals(token) ? Optional.of(alice) : Optional.empty();
      }

      @Override
      public boolean isLive(String sessionId, Instant now) {
        return alice.sessionId().equals(sessionId);
      }
    }, Clock.systemUTC());
    ConsoleBridge bridge = new ConsoleBridge(vertx, id -> id.equals("srv-1") ? Optional.of(target) : Optional.empty(),
        agents, sessions, ConsoleOptions.defaults().withAllowedOrigins(Set.of(PORTAL)), ProxyMetrics.unregistered());
    Router router = Router.router(vertx);
    router.get(ConsoleBridge.PATH).handler(bridge);
    api = await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
    portal = vertx.createWebSocketClient();
    portalContext = vertx.getOrCreateContext();
  }

  @AfterEach
  void stop() throws Exception {
    agents.close();
    await(sim.stop());
    await(vertx.close());
  }

  @Test
  @DisplayName("input typed in the portal comes back as PTY output, and a new console gets the scrollback first")
  void echoesAndReplaysThroughTheBridge() throws Exception {
    Console first = open();
    first.await(() -> first.states().contains("connected"));
    first.socket.writeTextMessage(new JsonObject().put("type", "input").put("data", "say hello\r").encode());
    first.await(() -> first.output().contains("say hello"));

    Console second = open();
    second.await(() -> second.output().contains("say hello"));

    assertThat(second.order).startsWith("status:connecting", "status:connected", "output");
  }

  @Test
  @DisplayName("an agent that stops ends the console with 'closed' and 1000")
  void agentStopEndsWithClosed() throws Exception {
    Console console = open();
    console.await(() -> console.states().contains("connected"));

    await(sim.stop());

    console.await(() -> console.closeCode != null);
    assertThat(console.closeCode).isEqualTo((short) 1000);
    assertThat(console.states()).containsExactly("connecting", "connected", "closed");
    sim = new AgentSimulator(vertx, AgentSimulatorOptions.game("127.0.0.1", AGENT_TOKEN).withPort(0));
    await(sim.start()); // for stop()
  }

  @Test
  @DisplayName("an agent error ends the console with 'error', reason agent_error, and 1011")
  void agentErrorEndsWithError() throws Exception {
    Console console = open();
    console.await(() -> console.states().contains("connected"));

    sim.failConsoles();

    console.await(() -> console.closeCode != null);
    assertThat(console.closeCode).isEqualTo((short) 1011);
    assertThat(console.statuses.get(console.statuses.size() - 1).getString("reason")).isEqualTo("agent_error");
  }

  private Console open() throws Exception {
    WebSocketConnectOptions options = new WebSocketConnectOptions()
        .setHost("127.0.0.1").setPort(api.actualPort()).setURI("/api/servers/srv-1/console")
        .addHeader("Cookie", "zlh_session=" + SESSION).addHeader("Origin", PORTAL);
    Promise<Console> opened = Promise.promise();
    // handlers are set as the socket opens, on its context, so no frame is missed
    portalContext.runOnContext(v -> portal.connect(options).map(Console::new).onComplete(opened));
    return await(opened.future());
  }

  /** The portal's view: statuses, PTY output and the close code, in arrival order. */
  private static final class Console {
    final WebSocket socket;
    final List<JsonObject> statuses = new CopyOnWriteArrayList<>();
    final List<String> order = new CopyOnWriteArrayList<>();
    final Buffer output = Buffer.buffer();
    volatile Short closeCode;

    Console(WebSocket socket) {
      this.socket = socket;
      socket.textMessageHandler(text -> {
        JsonObject status = new JsonObject(text);
        statuses.add(status);
        order.add("status:" + status.getString("state"));
      });
      socket.binaryMessageHandler(bytes -> {
        synchronized (output) {
          output.appendBuffer(bytes);
        }
        order.add("output");
      });
      socket.closeHandler(v -> closeCode = socket.closeStatusCode());
    }

    List<String> states() {
      return statuses.stream().map(s -> s.getString("state")).toList();
    }

    String output() {
      synchronized (output) {
        return output.toString();
      }
    }

    void await(BooleanSupplier condition) throws InterruptedException {
      long end = System.nanoTime() + WAIT.toNanos();
      while (!condition.getAsBoolean()) {
        if (System.nanoTime() > end) {
          throw new AssertionError("not within " + WAIT + "; saw " + order + " output=" + output());
        }
        Thread.sleep(5);
      }
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    try {
      return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }
}
