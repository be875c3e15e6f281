package com.zerolaghub.verticles.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.core.accounts.AccountDecider;
import com.zerolaghub.core.audit.Ed25519Keys;
import com.zerolaghub.events.Checkpoint;
import com.zerolaghub.events.DomainEvent;
import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.events.EventType;
import com.zerolaghub.events.ExpectedVersion;
import com.zerolaghub.events.NewEvent;
import com.zerolaghub.events.StreamId;
import com.zerolaghub.events.accounts.AccountEvent.RoleGranted;
import com.zerolaghub.events.accounts.Role;
import com.zerolaghub.verticles.cli.ZlhCommand;
import com.zerolaghub.verticles.config.ControllerConfig;
import com.zerolaghub.verticles.config.ProxyConfig;
import com.zerolaghub.verticles.testing.WiredNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;

/**
 * The operator console's repairs, projections, support, announcements and audit pages in real
 * Chromium against a whole node whose controller passes every 150 ms (level 1 in its default
 * dry-run posture, so a planned repair waits for an administrator). Screenshots land in
 * target/portal-screenshots/admin-*.
 */
class OperatorConsoleRepairsJourneyTest {
  private static final String PASSWORD = "correct horse battery";
  private static WiredNode node;
  private static String base;
  private static Path keys;
  private static Path publicKey;

  @BeforeAll
  static void startNode() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    base = "http://127.0.0.1:" + port;
    keys = Files.createTempDirectory("zlh-audit-keys-");
    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    Path privateKey = Files.writeString(keys.resolve("audit-key.pem"), Ed25519Keys.pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
    publicKey = Files.writeString(keys.resolve("audit-pub.pem"), Ed25519Keys.pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    node = WiredNode.start(Clock.systemUTC(), "http://127.0.0.1:9", Duration.ofDays(3), Duration.ofDays(7),
        ProxyConfig.builder().port(0).host("127.0.0.1").publicPort(-1).build(),
        config -> config.with(c -> c
            .http(h -> h.port(port).host("127.0.0.1").publicUrl(base))
            .controller(ControllerConfig.builder().leaseTtlMs(3_000).passIntervalMs(150).stuckOperationMs(60_000).build())
            .billing(b -> b.auditKeyPath(privateKey.toString()).auditKeyId("console-test"))));
  }

  @AfterAll
  static void stopNode() throws Exception {
    if (node != null) node.close();
  }

  @Test
  void anAdministratorRepairsADeletedSrvRecordRebuildsAProjectionAnswersATicketAnnouncesAndExportsAVerifiableAudit()
      throws Exception {
    String[] customer = node.signUp();
    String customerEmail = me(customer[1]).getString("email");
    String[] admin = administrator();
    String adminEmail = me(admin[1]).getString("email");

    // The customer's game server, running, and a ticket about it.
    JsonObject created = new JsonObject(node.send(customer[1], "POST", "/api/instances", new JsonObject().put("type", "game")
        .put("name", "lost-srv").put("variant", "vanilla").put("plan", "game-4g")).body());
    String serverId = created.getString("serverId");
    eventually("game server running", () -> "running".equals(json(customer[1], "/api/servers/" + serverId).getString("lifecycle")));
    var opened = node.send(customer[1], "POST", "/api/support/create", new JsonObject().put("subject", "Nobody can join")
        .put("message", "My friends get 'unknown host' since this morning.").put("category", "technical").put("serverId", serverId));
    assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
    String ticketId = new JsonObject(opened.body()).getString("ticketId");

    Path downloads = Files.createTempDirectory("zlh-downloads-");
    try (PortalBrowser b = new PortalBrowser(base)) {
      b.downloadTo(downloads);
      signIn(b, adminEmail);

      // 5. Drift and repairs: the SRV record vanishes at Cloudflare; the finding and its planned repair appear.
      b.open("/admin/repairs");
      b.waitForText(By.cssSelector("main h1"), "Drift and repairs");
      JsonObject server = json(customer[1], "/api/servers/" + serverId);
      String srv = "_minecraft._tcp." + server.getString("name") + "-" + server.getInteger("vmid") + ".";
      var record = node.sims().cloudflare().records().stream().filter(r -> r.type().equals("SRV") && r.name().startsWith(srv))
          .findFirst().orElseThrow();
      assertThat(node.servers.serverPorts().runners().dns().deleteRecord(record.id()).toCompletionStage().toCompletableFuture()
          .get(10, TimeUnit.SECONDS)).isTrue();
      By finding = By.cssSelector("article[aria-label^='Finding srv'][aria-label$=' on " + serverId + "']");
      b.waitForText(finding, "no such SRV record", Duration.ofSeconds(30));
      By plannedForm = By.cssSelector("form[aria-label='Run repair edge_republish of " + serverId + "']");
      b.waitFor(plannedForm);
      b.screenshots("admin-repairs-finding");

      // 7a. Support: the ticket beside the customer's servers, their live status and the open finding.
      b.open("/admin/support");
      b.click(By.partialLinkText("Nobody can join"));
      b.waitForText(By.cssSelector("main h1"), "Nobody can join");
      By triaged = By.cssSelector("article[aria-label='Server " + serverId + "']");
      b.waitForText(triaged, "no such SRV record", Duration.ofSeconds(30));
      assertThat(b.driver.findElement(triaged).getText()).contains("Host running", "Last crash: none", "Last failed operation: none",
          "srv missing");
      b.screenshots("admin-support-triage");

      b.open("/admin/repairs");
      b.waitFor(plannedForm);
      String reasonId = b.driver.findElement(plannedForm).findElement(By.cssSelector("input[name='reason']")).getAttribute("id");
      b.fill(reasonId, "customer's friends cannot join (ticket)");
      b.driver.findElement(plannedForm).findElement(By.cssSelector("button[type='submit']")).click();
      b.waitForText(By.cssSelector("main p.notice[role='status']"), "succeeded", Duration.ofSeconds(30));
      b.waitGone(finding);
      assertThat(node.sims().cloudflare().records()).anyMatch(r -> r.type().equals("SRV") && r.name().startsWith(srv));
      b.waitForText(By.tagName("main"), "Recently cleared");
      b.screenshots("admin-repairs");
      JsonObject byHand = events(admin[1], serverId).stream().map(JsonObject.class::cast)
          .filter(e -> e.getString("type").equals("repair.run-requested")).findFirst().orElseThrow();
      assertThat(byHand.getString("text")).contains("customer's friends cannot join (ticket)");
      assertThat(byHand.getJsonObject("cause").getString("adminId")).isEqualTo(admin[0]);

      // 6. Projections: rebuild one and watch it switch over to a new generation.
      b.open("/admin/projections");
      JsonObject projection = json(admin[1], "/api/admin/projections").getJsonArray("projections").stream()
          .map(JsonObject.class::cast).filter(p -> "table".equals(p.getString("kind"))).findFirst()
          .orElseGet(() -> json(admin[1], "/api/admin/projections").getJsonArray("projections").getJsonObject(0));
      String name = projection.getString("name");
      int generation = projection.getInteger("generation");
      By card = By.cssSelector("article[aria-label='Projection " + name + "']");
      b.waitForText(card, "generation " + generation);
      // a log long enough that the rebuild is seen on its way: a quiet machine replays 100,000 events
      // between two of the page's polls (0.25 s), a million takes seconds
      ballast(1_000_000, admin[1]);
      new Select(b.waitFor(By.id("rebuild-name"))).selectByValue(name);
      b.fill("rebuild-reason", "checking the rebuild before the upgrade");
      // The rebuild may end between two polls of a test (a quiet machine replays 100,000 events in
      // well under a second): the page itself records every text its card showed.
      b.driver.executeScript("window.zlhSeen = []; const sel = arguments[0];"
          + "new MutationObserver(() => { const c = document.querySelector(sel); if (c) window.zlhSeen.push(c.textContent); })"
          + ".observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true});",
          "article[aria-label='Projection " + name + "']");
      b.click(b.button("Rebuild"));
      if (b.driver.findElement(card).getText().contains("rebuilding: ")) b.screenshots("admin-projections-rebuilding");
      b.waitForText(card, "Switched over to generation " + (generation + 1), Duration.ofSeconds(120));
      @SuppressWarnings("unchecked")
      List<String> shown = (List<String>) b.driver.executeScript("return window.zlhSeen;");
      assertThat(shown).as("the card showed the rebuild on its way")
          .anyMatch(t -> t.contains("Generation " + (generation + 1) + " rebuilding: ") && t.contains("% of the log replayed"));
      assertThat(json(admin[1], "/api/admin/projections").getJsonArray("projections").stream().map(JsonObject.class::cast)
          .filter(p -> p.getString("name").equals(name)).map(p -> p.getInteger("generation"))).containsExactly(generation + 1);
      b.screenshots("admin-projections");
      var asked = node.platform.context().store().readStream(StreamId.of("projection", name)).toCompletionStage()
          .toCompletableFuture().get(10, TimeUnit.SECONDS);
      JsonObject askedPayload = new JsonObject(asked.get(asked.size() - 1).payload());
      assertThat(askedPayload.getString("requestedBy")).isEqualTo(admin[0]);
      assertThat(askedPayload.getString("reason")).isEqualTo("checking the rebuild before the upgrade");
      assertThat(askedPayload.getInteger("fromGeneration")).isEqualTo(generation);

      // 7b. Support: with the record back, the finding is gone beside the ticket; a reply to the customer.
      b.open("/admin/support");
      b.click(By.partialLinkText("Nobody can join"));
      b.waitForText(By.cssSelector("main h1"), "Nobody can join");
      b.waitForText(triaged, "Open findings: none", Duration.ofSeconds(30));
      b.fill("reply-message", "The address record is back; please try joining again.");
      b.click(b.button("Send reply"));
      b.waitForText(By.cssSelector("main p.notice[role='status']"), "Reply sent");
      b.waitForText(By.cssSelector("section[aria-label='Conversation']"), "The address record is back");
      b.screenshots("admin-support");
      b.fill("close-reason", "record republished, customer answered");
      b.click(b.button("Close ticket"));
      b.waitForText(By.cssSelector("main h1"), "closed");
      JsonObject closed = json(admin[1], "/api/admin/timeline?stream=ticket:" + ticketId).getJsonArray("events").stream()
          .map(JsonObject.class::cast).filter(e -> e.getString("type").equals("support.ticket-closed")).findFirst().orElseThrow();
      assertThat(closed.getString("text")).isEqualTo("ticket closed: record republished, customer answered");
      assertThat(closed.getJsonObject("cause").getString("adminId")).isEqualTo(admin[0]);

      // 8. Announcements: scheduled maintenance with a start and an end, then expired early.
      b.open("/admin/announcements");
      b.fill("ann-message", "Maintenance of node one on Sunday");
      b.click(By.id("ann-scheduled"));
      b.waitFor(By.id("ann-starts"));
      ((JavascriptExecutor) b.driver).executeScript("document.getElementById('ann-starts').value = arguments[0];"
          + "document.getElementById('ann-ends').value = arguments[1];", "2099-01-04T02:00", "2099-01-04T04:00");
      b.click(b.button("Publish announcement"));
      By maintenance = By.cssSelector("article[aria-label^='Announcement Maintenance of node one']");
      b.waitForText(maintenance, "scheduled");
      b.screenshots("admin-announcements");
      b.driver.findElement(maintenance).findElement(By.cssSelector("input[name='reason']")).sendKeys("moved to next week");
      b.driver.findElement(maintenance).findElement(By.xpath(".//button[normalize-space(.)='Expire now']")).click();
      b.waitForText(maintenance, "ended");
      String announcementId = json(admin[1], "/api/admin/announcements").getJsonArray("announcements").stream()
          .map(JsonObject.class::cast).filter(a -> a.getString("message").startsWith("Maintenance of node one")).findFirst()
          .orElseThrow().getString("id");
      var expired = node.platform.context().store().readStream(StreamId.of("announcement", announcementId)).toCompletionStage()
          .toCompletableFuture().get(10, TimeUnit.SECONDS);
      JsonObject expiredPayload = new JsonObject(expired.get(expired.size() - 1).payload());
      assertThat(expiredPayload.getString("reason")).isEqualTo("moved to next week");
      assertThat(expiredPayload.getString("expiredBy")).isEqualTo(admin[0]);

      // 9. Audit export: the customer's events of the last month download as a signed file zlh verifies.
      b.open("/admin/audit");
      b.fill("audit-account", customerEmail);
      b.fill("audit-reason", "customer disputes a charge");
      b.click(b.button("Download signed export"));
      b.waitForText(By.cssSelector("section[aria-label='Export ready']"), "zlh audit verify audit-" + customer[0] + ".ndjson --pubkey");
      Path file = downloads.resolve("audit-" + customer[0] + ".ndjson");
      eventually("the export downloaded", () -> Files.exists(file) && !Files.exists(downloads.resolve(file.getFileName() + ".crdownload")));
      b.screenshots("admin-audit");
      var exports = node.platform.context().pool().query("SELECT payload::text AS p FROM event_log WHERE event_type = 'audit.exported'")
          .execute().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertThat(exports.size()).isEqualTo(1);
      JsonObject export = new JsonObject(exports.iterator().next().getString("p"));
      assertThat(export.getString("accountId")).isEqualTo(customer[0]);
      assertThat(export.getString("exportedBy")).isEqualTo(admin[0]);
      assertThat(export.getString("reason")).isEqualTo("customer disputes a charge");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code = ZlhCommand.execute(out, err, "audit", "verify", file.toString(), "--pubkey", publicKey.toString());
      assertThat(code).as(out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8)).isZero();
      assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("OK: ");
      assertThat(Files.readString(file)).contains("support.ticket-opened", "support.ticket-replied");
      b.assertClean();
    }

    // The operations these pages use are an administrator's only.
    assertThat(status(customer[1], "/api/admin/announcements")).isEqualTo(403);
    assertThat(status(customer[1], "/api/admin/drift")).isEqualTo(403);
    assertThat(status(customer[1], "/api/admin/projections")).isEqualTo(403);
    assertThat(status(customer[1], "/api/admin/support/tickets/" + ticketId + "/triage")).isEqualTo(403);

    // The customer, in a browser of their own, reads the reply on their support page.
    try (PortalBrowser c = new PortalBrowser(base)) {
      signIn(c, customerEmail);
      c.open("/support");
      c.waitForText(By.tagName("main"), "The address record is back; please try joining again.");
      assertThat(c.driver.findElements(By.cssSelector("nav.admin"))).isEmpty();
      c.screenshots("admin-support-customer-side");
      c.assertClean();
    }
  }

  /** An event no read model handles, so it only lengthens the log every rebuild reads from its start. */
  @EventType(name = "test.ballast")
  record Ballast(int n) implements DomainEvent {}

  /** Appends {@code events} ballast events; answers once every projection has read past them. */
  private static void ballast(int events, String adminToken) throws Exception {
    var ctx = node.platform.context();
    ctx.codec().register(Ballast.class);
    Checkpoint last = Checkpoint.START;
    for (int batch = 0; batch * 1000 < events; batch++) {
      List<NewEvent> some = new ArrayList<>();
      for (int i = 0; i < 1000; i++) some.add(NewEvent.of(new Ballast(batch * 1000 + i), EventMetadata.system("test")));
      var appended = ctx.store().append(StreamId.of("ballast", "b" + batch), ExpectedVersion.NO_STREAM, some).toCompletionStage()
          .toCompletableFuture().get(60, TimeUnit.SECONDS);
      last = appended.events().get(appended.events().size() - 1).checkpoint();
    }
    long head = last.position();
    eventually("every projection past the ballast", () -> json(adminToken, "/api/admin/projections").getJsonArray("projections")
        .stream().map(JsonObject.class::cast).allMatch(p -> Checkpoint.parse(p.getString("checkpoint")).position() >= head));
  }

  private static void signIn(PortalBrowser b, String email) {
    b.open("/sign-in");
    b.fill("signin-email", email);
    b.fill("signin-password", PASSWORD);
    b.click(b.button("Sign in"));
    b.waitFor(By.cssSelector("header.top"));
    eventually("signed in", () -> !b.driver.getCurrentUrl().endsWith("/sign-in"));
  }

  /** A signed-in administrator, granted on the log as {@code zlh admin} does: {@code [accountId, token]}. */
  private static String[] administrator() throws Exception {
    String[] admin = node.signUp();
    node.platform.context().store().append(AccountDecider.stream(admin[0]), ExpectedVersion.ANY,
        List.of(NewEvent.of(new RoleGranted(admin[0], Role.ADMIN, "operator:test", Instant.now()), EventMetadata.system("operator:test"))))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    eventually("admin role seen", () -> status(admin[1], "/api/admin/accounts?limit=1") == 200);
    return admin;
  }

  private static JsonArray events(String token, String serverId) {
    return json(token, "/api/admin/timeline?stream=server:" + serverId).getJsonArray("events");
  }

  private static JsonObject me(String token) {
    return json(token, "/api/me");
  }

  private static JsonObject json(String token, String path) {
    try {
      var r = node.send(token, "GET", path, null);
      if (r.statusCode() != 200) throw new AssertionError(path + ": " + r.statusCode() + " " + r.body());
      return new JsonObject(r.body());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static int status(String token, String path) {
    try {
      return node.send(token, "GET", path, null).statusCode();
    } catch (Exception e) {
      return -1;
    }
  }

  private static void eventually(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("never: " + what);
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
