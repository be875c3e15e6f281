package com.zerolaghub.simulators;

import static com.zerolaghub.simulators.Await.failure;
import static com.zerolaghub.simulators.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.core.infra.OutsideSystemException;
import com.zerolaghub.core.infra.agent.AgentBackup;
import com.zerolaghub.core.infra.agent.AgentBusyException;
import com.zerolaghub.core.infra.agent.AgentConfigRequest;
import com.zerolaghub.core.infra.agent.AgentEndpoint;
import com.zerolaghub.core.infra.agent.AgentFileEntry;
import com.zerolaghub.core.infra.agent.AgentHttpAdapter;
import com.zerolaghub.core.infra.agent.AgentOptions;
import com.zerolaghub.core.infra.agent.AgentStatus;
import com.zerolaghub.core.infra.agent.CrashClassification;
import com.zerolaghub.core.infra.agent.CrashReport;
import com.zerolaghub.core.infra.agent.GameState;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class AgentSimulatorTest {
  private static final String TOKEN = "agent-secret-token";
  private static final Duration WAIT = Duration.ofSeconds(5);

  private Vertx vertx;
  private AgentSimulator sim;
  private AgentHttpAdapter agents;
  private AgentEndpoint agent;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    this.vertx = vertx;
    startAgent(AgentSimulatorOptions.game("127.0.0.1", TOKEN).withPort(0));
    agents = new AgentHttpAdapter(vertx, AgentOptions.defaults());
  }

  private void startAgent(AgentSimulatorOptions options) throws Exception {
    sim = new AgentSimulator(vertx, options);
    result(sim.start());
    agent = new AgentEndpoint("127.0.0.1", sim.port(), TOKEN);
  }

  @AfterEach
  void stop() throws Exception {
    agents.close();
    result(sim.stop());
  }

  @Test
  @DisplayName("calls without the token or with a wrong one get 401 and change nothing")
  void callsWithoutTokenAreUnauthorized() throws Exception {
    OutsideSystemException wrong = (OutsideSystemException) failure(
        agents.pushConfig(agent.withToken("guess"), new AgentConfigRequest("mine-now", Map.of())));
    WebClient web = WebClient.create(vertx);
    try {
      var noHeader = result(web.get(sim.port(), "127.0.0.1", "/health").send());
      assertThat(noHeader.statusCode()).isEqualTo(401);
      assertThat(noHeader.bodyAsJsonObject().getString("error")).isEqualTo("unauthorized");
    } finally {
      web.close();
    }

    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.code()).isEqualTo("unauthorized");
    assertThat(sim.appliedConfig()).isNull();
    result(agents.health(agent));
  }

  @Test
  @DisplayName("status mirrors the contract before the first config")
  void statusBeforeConfig() throws Exception {
    AgentStatus status = result(agents.status(agent));

    assertThat(status.agentVersion()).isEqualTo(AgentSimulatorOptions.DEFAULT_AGENT_VERSION);
    assertThat(status.provisioningComplete()).isFalse();
    assertThat(status.containerType()).isEqualTo("game");
    assertThat(status.game().state()).isEqualTo(GameState.STOPPED);
    assertThat(status.game().lastCrash()).isNull();
    assertThat(status.codeServer().installed()).isFalse();
    assertThat(status.codeServer().port()).isEqualTo(6000);
    assertThat(status.backup().state()).isEqualTo("idle");
    assertThat(status.operation().inProgress()).isFalse();
  }

  @Test
  @DisplayName("the same config twice changes nothing; the new token replaces the bootstrap token")
  void configIsIdempotent() throws Exception {
    AgentConfigRequest config = new AgentConfigRequest("rotated", Map.of("variant", "modded", "memoryMb", 4096));

    result(agents.pushConfig(agent, config));
    AgentEndpoint rotated = agent.withToken("rotated");
    result(agents.pushConfig(rotated, config));

    assertThat(sim.configChanges()).isEqualTo(1);
    assertThat(sim.appliedConfig().getString("variant")).isEqualTo("modded");
    assertThat(((OutsideSystemException) failure(agents.health(agent))).status()).isEqualTo(401);
    Await.untilAsync(() -> agents.status(rotated).map(s -> s.game().state() == GameState.RUNNING), WAIT);
  }

  @Test
  @DisplayName("game power answers 409 while another transition runs")
  void gamePowerConflictsDuringTransition() throws Exception {
    result(sim.stop());
    startAgent(AgentSimulatorOptions.game("127.0.0.1", TOKEN).withPort(0).withTransitionDuration(Duration.ofMillis(400)));

    result(agents.startGame(agent));
    Throwable busy = failure(agents.stopGame(agent));
    AgentStatus during = result(agents.status(agent));

    assertThat(busy).isInstanceOf(AgentBusyException.class);
    assertThat(((AgentBusyException) busy).code()).isEqualTo("transition_in_progress");
    assertThat(during.game().state()).isEqualTo(GameState.STARTING);
    assertThat(during.operation().inProgress()).isTrue();
    assertThat(during.operation().type()).isEqualTo("start");
    Await.until(() -> sim.gameState().equals("running"), WAIT);
    result(agents.stopGame(agent));
  }

  @Test
  @DisplayName("a crash is reported with its classification and the game restarts after the back-off")
  void crashIsReportedAndRestarted() throws Exception {
    result(sim.stop());
    startAgent(AgentSimulatorOptions.game("127.0.0.1", TOKEN).withPort(0).withBackoffUnit(Duration.ofMillis(10)));
    result(agents.startGame(agent));
    Await.until(() -> sim.gameState().equals("running"), WAIT);

    sim.crashGame(CrashClassification.OOM, 137, "SIGKILL", List.of("java.lang.OutOfMemoryError: Java heap space"));
    AgentStatus crashed = result(agents.status(agent));

    assertThat(crashed.game().state()).isEqualTo(GameState.CRASHED);
    assertThat(crashed.game().restartBackoffSeconds()).isEqualTo(30);
    CrashReport crash = crashed.game().lastCrash();
    assertThat(crash.classification()).isEqualTo(CrashClassification.OOM);
    assertThat(crash.exitCode()).isEqualTo(137);
    assertThat(crash.signal()).isEqualTo("SIGKILL");
    assertThat(crash.at()).isNotNull();
    assertThat(crash.logTail()).containsExactly("java.lang.OutOfMemoryError: Java heap space");
    Await.until(() -> sim.gameState().equals("running"), WAIT);
    sim.crashGame(CrashClassification.MOD_OR_PLUGIN_ERROR, 1, null, List.of());
    assertThat(result(agents.status(agent)).game().restartBackoffSeconds()).isEqualTo(60);
  }

  @Test
  @DisplayName("paths leaving the server root are refused with path_outside_root and nothing is written")
  void pathsOutsideRootAreRefused() throws Exception {
    Path outside = sim.root().getParent().resolve("escaped.txt");

    OutsideSystemException list = (OutsideSystemException) failure(agents.listFiles(agent, "/../"));
    OutsideSystemException read = (OutsideSystemException) failure(agents.readFile(agent, "world/../../backups"));
    OutsideSystemException write = (OutsideSystemException) failure(
        agents.writeFile(agent, "../escaped.txt", Buffer.buffer("x")));

    for (OutsideSystemException refused : List.of(list, read, write)) {
      assertThat(refused.status()).isEqualTo(400);
      assertThat(refused.code()).isEqualTo("path_outside_root");
    }
    assertThat(Files.exists(outside)).isFalse();
  }

  @Test
  @DisplayName("files are listed, written (whole and streamed) and read back inside the root")
  void filesRoundTrip() throws Exception {
    result(agents.writeFile(agent, "/world/notes.txt", Buffer.buffer("hello world")));
    Path upload = Files.createTempFile("zlh-upload", ".bin");
    byte[] bytes = new byte[300_000];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) i;
    }
    Files.write(upload, bytes);
    try {
      var stream = result(vertx.fileSystem().open(upload.toString(), new OpenOptions().setRead(true)));
      result(agents.writeFile(agent, "/plugins/big.jar", stream));
    } finally {
      Files.deleteIfExists(upload);
    }

    List<AgentFileEntry> world = result(agents.listFiles(agent, "/world"));
    List<AgentFileEntry> top = result(agents.listFiles(agent, "/"));

    assertThat(world).extracting(AgentFileEntry::name).containsExactly("level.dat", "notes.txt");
    assertThat(world.get(1).size()).isEqualTo(11);
    assertThat(world.get(1).modified()).isNotNull();
    assertThat(top).filteredOn(AgentFileEntry::directory).extracting(AgentFileEntry::name).contains("plugins", "world");
    assertThat(result(agents.readFile(agent, "/world/notes.txt")).toString(StandardCharsets.UTF_8)).isEqualTo("hello world");
    assertThat(result(agents.readFile(agent, "plugins/big.jar")).getBytes()).isEqualTo(bytes);
    assertThat(((OutsideSystemException) failure(agents.readFile(agent, "/nope.txt"))).status()).isEqualTo(404);
  }

  @Test
  @DisplayName("a backup is created, listed and restored")
  void backupsAreCreatedListedAndRestored() throws Exception {
    result(agents.writeFile(agent, "/world/region.mca", Buffer.buffer("before")));

    String backupId = result(agents.createBackup(agent));
    Await.untilAsync(() -> agents.listBackups(agent).map(list -> list.stream()
        .anyMatch(b -> b.backupId().equals(backupId) && b.state().equals("completed"))), WAIT);
    result(agents.writeFile(agent, "/world/region.mca", Buffer.buffer("after")));
    result(agents.restoreBackup(agent, backupId));
    // while the restore runs the file may be missing for a moment
    Await.untilAsync(() -> agents.readFile(agent, "/world/region.mca").map(b -> b.toString().equals("before")).otherwise(false), WAIT);

    AgentBackup backup = result(agents.listBackups(agent)).get(0);
    assertThat(backup.sizeBytes()).isPositive();
    assertThat(backup.createdAt()).isNotNull();
    assertThat(result(agents.status(agent)).backup().lastBackupAt()).isNotNull();
    assertThat(sim.scrollback().toString()).contains("save-off", "save-all flush");
  }

  @Test
  @DisplayName("the console echoes input as PTY output and replays its scrollback to a new connection")
  void consoleEchoesAndReplays() throws Exception {
    WebSocket first = result(agents.openConsole(agent));
    LinkedBlockingQueue<String> output = new LinkedBlockingQueue<>();
    first.binaryMessageHandler(b -> output.add(b.toString(StandardCharsets.UTF_8)));
    first.resume();
    first.writeTextMessage(new JsonObject().put("type", "resize").put("cols", 120).put("rows", 40).encode());
    first.writeTextMessage(new JsonObject().put("type", "input").put("data", "list\r").encode());

    assertThat(output.poll(5, TimeUnit.SECONDS)).isEqualTo("list\r");
    result(first.close());

    WebSocket second = result(agents.openConsole(agent));
    CompletableFuture<String> replay = new CompletableFuture<>();
    second.binaryMessageHandler(b -> replay.complete(b.toString(StandardCharsets.UTF_8)));
    second.resume();
    assertThat(replay.get(5, TimeUnit.SECONDS)).endsWith("list\r");

    CompletableFuture<Short> closed = new CompletableFuture<>();
    second.closeHandler(v -> closed.complete(second.closeStatusCode()));
    sim.failConsoles();
    assertThat(closed.get(5, TimeUnit.SECONDS)).isEqualTo((short) 1011);
  }

  @Test
  @DisplayName("the console closes with 1000 when the agent stops")
  void consoleClosesNormallyOnStop() throws Exception {
    WebSocket console = result(agents.openConsole(agent));
    CompletableFuture<Short> closed = new CompletableFuture<>();
    console.closeHandler(v -> closed.complete(console.closeStatusCode()));
    console.resume();

    result(sim.stop());

    assertThat(closed.get(5, TimeUnit.SECONDS)).isEqualTo((short) 1000);
    startAgent(AgentSimulatorOptions.game("127.0.0.1", TOKEN).withPort(0));
  }

  @Test
  @DisplayName("the console refuses a wrong token before the upgrade")
  void consoleNeedsToken() throws Exception {
    OutsideSystemException refused = (OutsideSystemException) failure(agents.openConsole(agent.withToken("nope")));

    assertThat(refused.status()).isEqualTo(401);
  }

  @Test
  @DisplayName("the scrollback keeps the last 64 KiB")
  void scrollbackKeepsLast64KiB() throws Exception {
    WebSocket console = result(agents.openConsole(agent));
    console.handler(ignored -> { });
    console.resume();
    String chunk = "x".repeat(1023) + "\n";
    for (int i = 0; i < 70; i++) {
      console.writeTextMessage(new JsonObject().put("type", "input").put("data", chunk).encode());
    }
    console.writeTextMessage(new JsonObject().put("type", "input").put("data", "END").encode());

    Await.until(() -> sim.scrollback().toString().endsWith("END"), WAIT);
    assertThat(sim.scrollback().length()).isEqualTo(64 * 1024);
    result(console.close());
  }

  @Test
  @DisplayName("game power on a dev container is refused; code-server power works")
  void devContainerPower() throws Exception {
    result(sim.stop());
    startAgent(AgentSimulatorOptions.dev("127.0.0.1", TOKEN).withPort(0).withCodeServerPort(freePort()));

    OutsideSystemException refused = (OutsideSystemException) failure(agents.startGame(agent));
    result(agents.startCodeServer(agent));
    boolean runningAfterStart = result(agents.status(agent)).codeServer().running();
    result(agents.restartCodeServer(agent));
    result(agents.stopCodeServer(agent));

    assertThat(refused.code()).isEqualTo("not_a_game_container");
    assertThat(runningAfterStart).isTrue();
    assertThat(sim.codeServerRunning()).isFalse();
  }

  @Test
  @DisplayName("a command is accepted and shows in the console")
  void commandShowsInConsole() throws Exception {
    result(agents.sendCommand(agent, "say hi"));

    assertThat(sim.scrollback().toString()).contains("> say hi");
  }

  @Test
  @DisplayName("a configured code-server runs as a child on the agent's address and port 6000 and dies, with its children, when the agent stops")
  void configuredCodeServerRunsAsAChildAndDiesWithTheAgent() throws Exception {
    result(sim.stop());
    Path dir = Files.createTempDirectory("fake-code-server");
    Path binary = dir.resolve("code-server");
    // stands for code-server: records its arguments and pids, keeps a child of its own
    Files.writeString(binary, "#!/bin/sh\nsleep 300 &\necho \"$$ $!\" > " + dir.resolve("pids.tmp")
        + "\necho \"$@\" > " + dir.resolve("args") + "\nmv " + dir.resolve("pids.tmp") + " " + dir.resolve("pids")
        + "\nwait\n");
    assertThat(binary.toFile().setExecutable(true)).isTrue();
    int port = freePort();
    startAgent(AgentSimulatorOptions.dev("127.0.0.1", TOKEN).withPort(0).withCodeServerPort(port)
        .withCodeServer(binary.toString()));

    result(agents.startCodeServer(agent));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!Files.exists(dir.resolve("pids"))) {
      assertThat(System.nanoTime()).as("the binary ran").isLessThan(deadline);
      Thread.sleep(20);
    }
    String args = Files.readString(dir.resolve("args"));
    long[] pids = Arrays.stream(Files.readString(dir.resolve("pids")).trim().split(" "))
        .mapToLong(Long::parseLong).toArray();
    boolean runningWhileUp = result(agents.status(agent)).codeServer().running();
    result(sim.stop());

    assertThat(args).contains("--auth none", "--bind-addr 127.0.0.1:" + port, "--disable-telemetry",
        "--disable-update-check", "--user-data-dir ", "--extensions-dir ", sim.root().resolve("workspace").toString());
    assertThat(runningWhileUp).isTrue();
    for (long pid : pids) {
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("process " + pid).isFalse();
    }
    startAgent(AgentSimulatorOptions.game("127.0.0.1", TOKEN).withPort(0));
  }

  @Test
  @DisplayName("without code-server a dev container's stand-in page says how to get the real one")
  void standInPageNamesHowToGetCodeServer() throws Exception {
    result(sim.stop());
    int port = freePort();
    startAgent(AgentSimulatorOptions.dev("127.0.0.1", TOKEN).withPort(0).withCodeServerPort(port));
    result(agents.startCodeServer(agent));
    WebClient web = WebClient.create(vertx);
    try {
      String page = result(web.get(port, "127.0.0.1", "/").send()).bodyAsString();
      assertThat(page).contains("code-server stand-in", "npm install -g code-server@4.100.3", "infra.simCodeServer");
    } finally {
      web.close();
    }
  }

  private static int freePort() throws Exception {
    try (var socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }
}
