package com.zerolaghub.proxy.impl.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.core.infra.agent.AgentEndpoint;
import com.zerolaghub.core.infra.agent.AgentHttpAdapter;
import com.zerolaghub.core.infra.agent.AgentOptions;
import com.zerolaghub.events.accounts.Role;
import com.zerolaghub.proxy.ProxyMetrics;
import com.zerolaghub.proxy.SessionCredentials;
import com.zerolaghub.proxy.console.ConsoleEnd;
import com.zerolaghub.proxy.console.ConsoleOptions;
import com.zerolaghub.proxy.routing.ConsoleTarget;
import com.zerolaghub.proxy.testing.Await;
import com.zerolaghub.proxy.testing.ConsoleProbe;
import com.zerolaghub.proxy.testing.FakeAgentConsole;
import com.zerolaghub.proxy.testing.InMemorySessions;
import com.zerolaghub.proxy.testing.MuteAgent;
import com.zerolaghub.proxy.testing.ProxyClient;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.net.NetServer;
import io.vertx.ext.web.Router;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConsoleBridgeTest {
  private static final String AGENT_TOKEN = "agent-token-never-in-a-browser";
  private static final Duration CONNECT_TIMEOUT = Duration.ofMillis(500);
  private static final String PANEL = "https://panel.example";

  private Vertx vertx;
  private FakeAgentConsole agent;
  private int agentPort;
  private InMemorySessions sessions;
  private final Map<String, ConsoleTarget> targets = new ConcurrentHashMap<>();
  private AgentHttpAdapter agents;
  private ProxyMetrics metrics;
  private HttpServer api;
  private ProxyClient portal;
  private ConsoleBridge bridge;
  private String alice;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    agent = new FakeAgentConsole(vertx, AGENT_TOKEN, "[boot] server ready\r\n");
    agentPort = Await.result(agent.start());
    sessions = new InMemorySessions();
    alice = sessions.login("user-alice");
    targets.put("srv-1", target("srv-1", "user-alice", agentPort, false));
    targets.put("srv-2", target("srv-2", "user-alice", agentPort, false));
    targets.put("srv-bob", target("srv-bob", "user-bob", agentPort, false));
    agents = new AgentHttpAdapter(vertx, AgentOptions.defaults().withRequestTimeout(Duration.ofSeconds(2)));
    metrics = ProxyMetrics.unregistered();
    serve(ConsoleOptions.defaults().withConnectTimeout(CONNECT_TIMEOUT));
  }

  @AfterEach
  void stop() {
    portal.close();
    agents.close();
    Await.result(vertx.close());
  }

  @Test
  void bridgesTheConsoleAfterConnectingAndConnectedWithTheScrollbackFirst() {
    ConsoleProbe console = open("srv-1", alice);

    console.awaitOutput("[boot] server ready");
    console.input("ls\r");
    console.awaitOutput("ls\r");

    assertThat(console.order()).startsWith("status:connecting", "status:connected", "output");
    assertThat(console.output().toString()).isEqualTo("[boot] server ready\r\nls\r");
    assertThat(agent.received()).containsExactly("{\"type\":\"input\",\"data\":\"ls\\r\"}");
    Await.result(console.socket().close());
    Await.until(() -> agent.openConsoles() == 0, Duration.ofSeconds(5), "agent side closed");
    Await.until(() -> bridge.openConsoles() == 0, Duration.ofSeconds(5), "bridge forgot it");
  }

  @Test
  void anAgentEndingNormallyEndsWithClosed() {
    ConsoleProbe console = open("srv-1", alice).awaitState("connected");
    Await.until(() -> agent.openConsoles() == 1, Duration.ofSeconds(5), "agent side open");

    agent.closeAll((short) 1000);

    assertThat(console.awaitClose()).isEqualTo((short) 1000);
    assertThat(console.lastStatus().encode()).isEqualTo("{\"type\":\"status\",\"state\":\"closed\"}");
  }

  @Test
  void anAgentErrorEndsWithAgentError() {
    ConsoleProbe console = open("srv-1", alice).awaitState("connected");
    Await.until(() -> agent.openConsoles() == 1, Duration.ofSeconds(5), "agent side open");

    agent.closeAll((short) 1011);

    assertThat(console.awaitClose()).isEqualTo((short) 1011);
    assertThat(console.lastStatus().getString("state")).isEqualTo("error");
    assertThat(console.lastStatus().getString("reason")).isEqualTo("agent_error");
  }

  @Test
  void anUnreachableAgentEndsWithAgentUnreachableWithinTheConnectTimeout() throws Exception {
    int nobody;
    try (ServerSocket socket = new ServerSocket(0)) {
      nobody = socket.getLocalPort();
    }
    targets.put("srv-down", target("srv-down", "user-alice", nobody, false));
    long started = System.nanoTime();

    ConsoleProbe console = open("srv-down", alice);

    assertThat(console.awaitClose()).isEqualTo((short) 1013);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(CONNECT_TIMEOUT.plusSeconds(1));
    assertThat(console.order()).containsExactly("status:connecting", "status:error");
    assertThat(console.lastStatus().getString("reason")).isEqualTo("agent_unreachable");
  }

  @Test
  void anAgentSilentOnConnectEndsWithTimeout() {
    NetServer silent = Await.result(vertx.createNetServer().connectHandler(socket -> {}).listen(0, "127.0.0.1"));
    targets.put("srv-silent", target("srv-silent", "user-alice", silent.actualPort(), false));
    long started = System.nanoTime();

    ConsoleProbe console = open("srv-silent", alice);

    assertThat(console.awaitClose()).isEqualTo((short) 1013);
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(took).isGreaterThanOrEqualTo(CONNECT_TIMEOUT).isLessThan(CONNECT_TIMEOUT.plusSeconds(1));
    assertThat(console.lastStatus().getString("reason")).isEqualTo("timeout");
  }

  @Test
  void anAgentRefusingTheTokenEndsWithAgentUnreachable() {
    targets.put("srv-wrong", new ConsoleTarget("srv-wrong", "user-alice", new AgentEndpoint("127.0.0.1", agentPort, "stale"), false));

    ConsoleProbe console = open("srv-wrong", alice);

    assertThat(console.awaitClose()).isEqualTo((short) 1013);
    assertThat(console.lastStatus().getString("reason")).isEqualTo("agent_unreachable");
  }

  @Test
  void anOversizedMessageIsThrottledWith1009() {
    ConsoleProbe console = open("srv-1", alice).awaitState("connected");

    console.input("x".repeat(ConsoleOptions.DEFAULT_MAX_MESSAGE_BYTES));

    assertThat(console.awaitClose()).isEqualTo((short) 1009);
    assertThat(console.lastStatus().getString("reason")).isEqualTo("throttled");
    assertThat(agent.received()).isEmpty();
  }

  @Test
  void tooManyMessagesAreThrottledWith1008() {
    serve(ConsoleOptions.defaults().withMessageCaps(32 * 1024, 5, 5));
    ConsoleProbe console = open("srv-1", alice).awaitState("connected");

    for (int i = 0; i < 20; i++) {
      console.input("k");
    }

    assertThat(console.awaitClose()).isEqualTo((short) 1008);
    assertThat(console.lastStatus().getString("reason")).isEqualTo("throttled");
    assertThat(agent.received()).hasSizeLessThanOrEqualTo(6);
  }

  @Test
  void closeAllForAServerEndsItsConsolesWith4409AndSuspended() {
    ConsoleProbe first = open("srv-1", alice).awaitState("connected");
    ConsoleProbe second = open("srv-1", alice).awaitState("connected");
    ConsoleProbe other = open("srv-2", alice).awaitState("connected");

    int closed = bridge.closeAllForServer("srv-1", ConsoleEnd.SUSPENDED);

    assertThat(closed).isEqualTo(2);
    for (ConsoleProbe console : List.of(first, second)) {
      assertThat(console.awaitClose()).isEqualTo((short) 4409);
      assertThat(console.lastStatus().encode()).isEqualTo("{\"type\":\"status\",\"state\":\"error\",\"reason\":\"suspended\"}");
    }
    other.input("still here");
    other.awaitOutput("still here");
  }

  @Test
  void closeAllForAnOwnerEndsEveryConsoleOfTheirs() {
    String bob = sessions.login("user-bob");
    ConsoleProbe alices = open("srv-1", alice).awaitState("connected");
    ConsoleProbe alicesOther = open("srv-2", alice).awaitState("connected");
    ConsoleProbe bobs = open("srv-bob", bob).awaitState("connected");

    assertThat(bridge.closeAllForOwner("user-alice", ConsoleEnd.SUSPENDED)).isEqualTo(2);

    assertThat(alices.awaitClose()).isEqualTo((short) 4409);
    assertThat(alicesOther.awaitClose()).isEqualTo((short) 4409);
    bobs.input("bob");
    bobs.awaitOutput("bob");
  }

  @Test
  void aStoppingNodeEndsEveryConsoleWithGoingAway() {
    ConsoleProbe first = open("srv-1", alice).awaitState("connected");
    ConsoleProbe second = open("srv-2", alice).awaitState("connected");

    assertThat(bridge.closeAll(ConsoleEnd.SHUTDOWN)).isEqualTo(2);

    assertThat(first.awaitClose()).isEqualTo((short) 1001);
    assertThat(second.awaitClose()).isEqualTo((short) 1001);
    assertThat(first.lastStatus().getString("reason")).isEqualTo("shutdown");
  }

  @Test
  void aSuspendedServerIsToldSoAtConnect() {
    targets.put("srv-suspended", target("srv-suspended", "user-alice", agentPort, true));

    ConsoleProbe console = open("srv-suspended", alice);

    assertThat(console.awaitClose()).isEqualTo((short) 4409);
    assertThat(console.order()).containsExactly("status:connecting", "status:error");
    assertThat(console.lastStatus().getString("reason")).isEqualTo("suspended");
    assertThat(agent.upgrades()).isZero();
  }

  @Test
  void aNonOwnerGets404AndNoSessionGets401BeforeAnyUpgrade() {
    String bob = sessions.login("user-bob");

    Throwable notOwner = Await.failure(portal.console("/api/servers/srv-1/console", cookie(bob)));
    Throwable unknown = Await.failure(portal.console("/api/servers/nope/console", cookie(alice)));
    Throwable anonymous = Await.failure(portal.console("/api/servers/srv-1/console", MultiMap.caseInsensitiveMultiMap()));

    assertThat(((UpgradeRejectedException) notOwner).getStatus()).isEqualTo(404);
    assertThat(((UpgradeRejectedException) unknown).getStatus()).isEqualTo(404);
    assertThat(((UpgradeRejectedException) anonymous).getStatus()).isEqualTo(401);
    assertThat(agent.upgrades()).isZero();
  }

  @Test
  void aBearerSessionAndAnAdminAreLetIn() {
    String admin = sessions.login("user-admin", Role.ADMIN);
    MultiMap bearer = MultiMap.caseInsensitiveMultiMap().add("Authorization", "Bearer " + admin);

    ConsoleProbe console = Await.result(portal.console("/api/servers/srv-1/console", bearer));

    console.awaitState("connected").awaitOutput("server ready");
  }

  @Test
  void aSessionCookieFromAForeignOrNoOriginIsRefusedBeforeTheUpgrade() {
    MultiMap foreign = MultiMap.caseInsensitiveMultiMap().add("Cookie", "zlh_session=" + alice)
        .add("Origin", "http://dev-101.dev.example");
    MultiMap noOrigin = MultiMap.caseInsensitiveMultiMap().add("Cookie", "zlh_session=" + alice);

    Throwable refused = Await.failure(portal.console("/api/servers/srv-1/console", foreign));
    Throwable missing = Await.failure(portal.console("/api/servers/srv-1/console", noOrigin));
    ConsoleProbe allowed = Await.result(portal.console("/api/servers/srv-1/console",
        MultiMap.caseInsensitiveMultiMap().add("Cookie", "zlh_session=" + alice).add("Origin", "HTTPS://Panel.Example:443")));

    assertThat(((UpgradeRejectedException) refused).getStatus()).isEqualTo(403);
    assertThat(((UpgradeRejectedException) missing).getStatus()).isEqualTo(403);
    allowed.awaitState("connected");
    assertThat(agent.upgrades()).isEqualTo(1);
  }

  @Test
  void withNoOriginsConfiguredOnlyBearerClientsAreLetIn() {
    serve(ConsoleOptions.defaults(), false);
    MultiMap bearer = MultiMap.caseInsensitiveMultiMap().add("Authorization", "Bearer " + alice);

    Throwable refused = Await.failure(portal.console("/api/servers/srv-1/console", cookie(alice)));
    ConsoleProbe console = Await.result(portal.console("/api/servers/srv-1/console", bearer));

    assertThat(((UpgradeRejectedException) refused).getStatus()).isEqualTo(403);
    console.awaitState("connected");
  }

  @Test
  void anIdleConsoleEndsWithIdle() {
    serve(ConsoleOptions.defaults().withIdleTimeout(Duration.ofMillis(300)));

    ConsoleProbe console = open("srv-1", alice).awaitState("connected");

    assertThat(console.awaitClose()).isEqualTo((short) 4408);
    assertThat(console.lastStatus().getString("reason")).isEqualTo("idle");
  }

  @Test
  void bothSidesArePingedWhileTheConsoleIsOpen() {
    serve(ConsoleOptions.defaults().withHeartbeat(Duration.ofMillis(50), Duration.ofSeconds(5)));

    ConsoleProbe console = open("srv-1", alice).awaitState("connected");

    Await.until(() -> console.pingsSeen() >= 2 && agent.pingsSeen() >= 2, Duration.ofSeconds(5), "pings both ways");
    assertThat(console.statuses()).extracting(s -> s.getString("state")).containsExactly("connecting", "connected");
  }

  @Test
  void anAgentThatStopsAnsweringPingsEndsWithTimeout() {
    serve(ConsoleOptions.defaults().withHeartbeat(Duration.ofMillis(50), Duration.ofMillis(300)));
    int mute = Await.result(new MuteAgent(vertx).start());
    targets.put("srv-mute", target("srv-mute", "user-alice", mute, false));

    ConsoleProbe console = open("srv-mute", alice).awaitState("connected");

    assertThat(console.awaitClose()).isEqualTo((short) 1013);
    assertThat(console.lastStatus().getString("reason")).isEqualTo("timeout");
    assertThat(console.pingsSeen()).isPositive(); // the browser kept answering; the agent did not
  }

  @Test
  void aSlowBrowserPausesTheAgentAndLosesNothing() {
    ConsoleProbe console = open("srv-1", alice).awaitOutput("server ready");
    int prefix = console.outputLength();
    console.socket().pause();

    int frames = 1024;
    int size = 16 * 1024;
    FakeAgentConsole.Flood flood = agent.flood(frames, size);
    Await.until(() -> flood.pushedBack().get(), Duration.ofSeconds(10), "the agent waits for the bridge");
    // without back-pressure the bridge would swallow the whole flood into memory meanwhile
    Await.holdsFor(() -> !flood.done().isComplete(), Duration.ofMillis(300), "the agent stays held back");
    console.socket().resume();

    Await.result(flood.done(), Duration.ofSeconds(30));
    Await.until(() -> console.outputLength() == prefix + frames * size, Duration.ofSeconds(30), "all output delivered");
    byte[] out = console.output().getBytes(prefix, prefix + frames * size);
    for (int i = 0; i < out.length; i++) {
      if (out[i] != (byte) i) {
        throw new AssertionError("output out of order at byte " + i);
      }
    }
  }

  @Test
  void metricsCountOpenConsoles() {
    ConsoleProbe console = open("srv-1", alice).awaitState("connected");
    assertThat(metrics.open(ProxyMetrics.Kind.CONSOLE)).isEqualTo(1);

    Await.result(console.socket().close());

    Await.until(() -> metrics.open(ProxyMetrics.Kind.CONSOLE) == 0, Duration.ofSeconds(5), "console uncounted");
  }

  /** Restarts the API with {@code options} (a fresh bridge), the portal's origin allowed. */
  private void serve(ConsoleOptions options) {
    serve(options, true);
  }

  private void serve(ConsoleOptions options, boolean portalAllowed) {
    if (portalAllowed) {
      options = options.withAllowedOrigins(Set.of(PANEL));
    }
    if (api != null) {
      portal.close();
      Await.result(api.close());
    }
    bridge = new ConsoleBridge(vertx, id -> Optional.ofNullable(targets.get(id)), agents,
        new SessionCredentials(sessions, Clock.systemUTC()), options, metrics);
    Router router = Router.router(vertx);
    router.get(ConsoleBridge.PATH).handler(bridge);
    api = Await.result(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
    portal = new ProxyClient(vertx, api.actualPort());
  }

  private ConsoleProbe open(String serverId, String session) {
    return Await.result(portal.console("/api/servers/" + serverId + "/console", cookie(session)));
  }

  private static MultiMap cookie(String session) {
    return MultiMap.caseInsensitiveMultiMap().add("Cookie", "zlh_session=" + session).add("Origin", PANEL);
  }

  private static ConsoleTarget target(String serverId, String ownerId, int port, boolean suspended) {
    return new ConsoleTarget(serverId, ownerId, new AgentEndpoint("127.0.0.1", port, AGENT_TOKEN), suspended);
  }
}
