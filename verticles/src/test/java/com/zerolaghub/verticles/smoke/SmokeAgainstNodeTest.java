package com.zerolaghub.verticles.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.core.audit.Ed25519Keys;
import com.zerolaghub.simulators.FaultPlan;
import com.zerolaghub.simulators.SimulatedDnsRecord;
import com.zerolaghub.verticles.cli.ZlhCommand;
import com.zerolaghub.verticles.config.InfraConfig;
import com.zerolaghub.verticles.config.ProxyConfig;
import com.zerolaghub.verticles.testing.Administrator;
import com.zerolaghub.verticles.testing.WiredNode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code zlh smoke} against a node wired as {@code zlh run} wires it, over its public API only. */
@DisplayName("zlh smoke")
class SmokeAgainstNodeTest {
  @TempDir static Path dir;
  private static WiredNode node;
  private static Path adminToken;

  @BeforeAll
  static void start() throws Exception {
    Path auditKey = dir.resolve("audit-key.pem");
    Files.writeString(auditKey, Ed25519Keys.pem("PRIVATE KEY", KeyPairGenerator.getInstance("Ed25519").generateKeyPair()
        .getPrivate().getEncoded()));
    node = WiredNode.start(Clock.systemUTC(), "http://127.0.0.1:9", Duration.ofDays(3), Duration.ofDays(7),
        ProxyConfig.builder().port(0).host("127.0.0.1").build(),
        config -> config.with(c -> c.billing(b -> b.auditKeyPath(auditKey.toString()).auditKeyId("smoke"))));
    adminToken = Files.writeString(dir.resolve("admin-token"), Administrator.create(node, dir, "smokeops"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (node != null) node.close();
  }

  @Test
  @DisplayName("passes against a fresh node in under a minute, a line per step with its time, and leaves nothing behind")
  void passesAgainstAFreshNodeAndLeavesNothingBehind() throws Exception {
    // the simulated containers' loopback block: 127.<random octet>.<vmid/256>.<vmid%256>
    String octet = node.sims().proxmox().address(100).split("\\.")[1];
    String agents = "http://127." + octet + ".{vmid/256}.{vmid%256}:" + InfraConfig.defaults().agentPort();
    Run r = smoke("--admin-token-file", adminToken.toString(), "--agent-url", agents);

    assertThat(r.code).as(r.out).isZero();
    List<String> lines = r.out.lines().toList();
    assertThat(lines.get(lines.size() - 1)).startsWith("PASS");
    assertThat(r.out).containsPattern("(?m)^ok +\\d+\\.\\d\\ds  game: console \\(WebSocket\\) shows a command$")
        .contains("game: restore brings the backed-up file back")
        .contains("game: delete refused while the host runs")
        .containsPattern("(?m)^ok .*game: DNS, Velocity and container cleanup verified  \\(recorded and verified: deregister-velocity, remove-dns")
        .contains("dev: hosted IDE through a one-time link")
        .containsPattern("(?m)^ok .*security: another account gets 404 for this server$")
        .containsPattern("(?m)^ok .*security: the agent refuses direct calls  \\(127\\.[0-9.]+: 401 without, 401 with a wrong token\\)")
        .containsPattern("(?m)^ok .*security: no internal token in any answer read");
    assertThat(r.out).doesNotContain("FAIL").doesNotContain("cleanup: delete");
    assertThat(totalSeconds(r.out)).as("both lifecycles").isLessThan(60.0);
    assertThat(node.sims().cloudflare().records()).extracting(SimulatedDnsRecord::name).noneMatch(n -> n.contains("smoke-"));
    assertThat(node.sims().proxmox().containers()).noneMatch(c -> !c.template());
  }

  @Test
  @DisplayName("fails naming the step when Cloudflare refuses to create records, and still deletes what it created")
  void failsNamingTheStepWhenCloudflareRefusesRecords() throws Exception {
    node.sims().cloudflare().faults(FaultPlan.none().failing("POST", "/dns_records$", 500));
    Run r;
    try {
      r = smoke("--step-timeout", "20");
    } finally {
      node.sims().cloudflare().faults(FaultPlan.none());
    }

    assertThat(r.code).as(r.out).isEqualTo(ZlhCommand.EXIT_FAILED);
    List<String> lines = r.out.lines().toList();
    assertThat(lines.get(lines.size() - 1)).startsWith("FAIL").contains("step \"game: provisioned\" failed")
        .contains("publish-dns");
    assertThat(r.out).containsPattern("(?m)^ok .*cleanup: delete smoke-[0-9a-f]{8}$").doesNotContain("dev: create");
    assertThat(node.sims().proxmox().containers()).noneMatch(c -> !c.template());
  }

  @Test
  @DisplayName("runs as the accounts it is given, and --keep leaves what a failed run created for a look")
  void runsAsGivenAccountsAndKeepLeavesTheFailedServer() throws Exception {
    String[] smoke = node.signUp();
    String[] other = node.signUp();
    Path token = Files.writeString(dir.resolve("smoke-token"), smoke[1] + "\n");
    Path otherToken = Files.writeString(dir.resolve("other-token"), other[1]);
    node.sims().cloudflare().faults(FaultPlan.none().failing("POST", "/dns_records$", 500));
    Run r;
    try {
      r = smoke("--token-file", token.toString(), "--other-token-file", otherToken.toString(), "--keep", "--step-timeout", "20");
    } finally {
      node.sims().cloudflare().faults(FaultPlan.none());
    }
    assertThat(r.code).as(r.out).isEqualTo(ZlhCommand.EXIT_FAILED);
    assertThat(r.out).contains("account: smoke account (--token-file)").contains("account: second account (--other-token-file)")
        .containsPattern("(?m)^skip .*cleanup  \\(--keep: left \\{.+=smoke-[0-9a-f]{8}\\}\\)$");
    JsonArray left = new JsonObject(node.send(smoke[1], "GET", "/api/servers", null).body())
        .getJsonArray("servers");
    assertThat(left).hasSize(1);
    String id = left.getJsonObject(0).getString("serverId");
    // the look is over: the same cleanup the smoke does without --keep
    Run cleanup = smokeCleanup(smoke[1], id);
    assertThat(cleanup.code).as(cleanup.out).isZero();
    assertThat(node.sims().proxmox().containers()).noneMatch(c -> !c.template());
  }

  /** Stops and deletes a server through the smoke's own cleanup (as after a run without --keep). */
  private static Run smokeCleanup(String token, String serverId) {
    PublicApi api = null;
    Vertx vertx = Vertx.vertx();
    try {
      StringWriter out = new StringWriter();
      StepLog log = new StepLog(new PrintWriter(out, true));
      api = new PublicApi(vertx, URI.create("http://127.0.0.1:" + node.port()));
      CreatedServers created = new CreatedServers();
      created.add(serverId, "kept");
      boolean all = created.removeAll(log, api, token, Duration.ofSeconds(20));
      return new Run(all ? 0 : 1, out.toString());
    } finally {
      vertx.close();
    }
  }

  private static double totalSeconds(String out) {
    Matcher m = Pattern.compile("(?m)^PASS +(\\d+\\.\\d+)s").matcher(out);
    assertThat(m.find()).as(out).isTrue();
    return Double.parseDouble(m.group(1));
  }

  private static Run smoke(String... extra) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] args = new String[extra.length + 3];
    args[0] = "smoke";
    args[1] = "--url";
    args[2] = "http://127.0.0.1:" + node.port();
    System.arraycopy(extra, 0, args, 3, extra.length);
    int code = ZlhCommand.execute(out, err, args);
    String text = out.toString(StandardCharsets.UTF_8);
    System.out.println(text);
    return new Run(code, text + err.toString(StandardCharsets.UTF_8));
  }

  private record Run(int code, String out) {}
}
