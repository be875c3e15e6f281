package com.zerolaghub.verticles.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.proxy.console.ConsoleEnd;
import com.zerolaghub.simulators.AgentSimulator;
import com.zerolaghub.simulators.FaultPlan;
import com.zerolaghub.verticles.config.ProxyConfig;
import com.zerolaghub.verticles.testing.TcpForwarder;
import com.zerolaghub.verticles.testing.WiredNode;
import io.vertx.core.Vertx;
import com.zerolaghub.core.accounts.AccountDecider;
import com.zerolaghub.events.accounts.Role;
import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.events.ExpectedVersion;
import com.zerolaghub.events.NewEvent;
import com.zerolaghub.events.accounts.AccountEvent.RoleGranted;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The customer portal in real Chromium against a whole node (accounts, servers on the simulators,
 * billing, support, the proxy's console bridge), on the node's own origin so cookie WebSockets
 * pass the Origin check. Every test fails on a CSP violation or a console error and leaves
 * desktop and 360 px screenshots under target/portal-screenshots/.
 */
class PortalJourneyTest {
  /** A code-server binary to run in simulated dev servers (CI sets it after installing one), or null. */
  private static final String REAL_CODE_SERVER = System.getenv("ZLH_CODE_SERVER");
  private static WiredNode node;
  private static Vertx linkVertx;
  /** The browser's link to the node, which a test can cut (the node's publicUrl is its far end). */
  private static TcpForwarder link;
  private static String base;

  @BeforeAll
  static void startNode() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    linkVertx = Vertx.vertx();
    // A Prometheus that has no samples yet (a new server's first minute): every figure is stale.
    int prometheus = linkVertx.createHttpServer()
        .requestHandler(r -> r.response().putHeader("Content-Type", "application/json")
            .end("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}"))
        .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
    link = new TcpForwarder(linkVertx, "127.0.0.1", port);
    base = "http://127.0.0.1:" + link.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    node = WiredNode.start(Clock.systemUTC(), "http://127.0.0.1:9", Duration.ofDays(3), Duration.ofDays(7),
        ProxyConfig.builder().port(0).host("127.0.0.1").build(),
        config -> config.with(c -> {
          c.monitoring(m -> m.prometheusUrl("http://127.0.0.1:" + prometheus).prometheusTimeoutMs(2_000).summaryStaleSeconds(60))
              .http(h -> h.port(port).host("127.0.0.1").publicUrl(base))
              // A Proxmox task may last long enough for a test to see its server pending.
              .servers(s -> s.stepRetryMs(1_500).taskTimeoutMs(30_000).agentWaitMs(5_000).shutdownGraceMs(200));
          // with a real code-server (CI installs one), simulated dev servers run it: Open IDE shows VS Code
          if (REAL_CODE_SERVER != null) c.infra(i -> i.simCodeServer(REAL_CODE_SERVER));
        }));
  }

  @AfterAll
  static void stopNode() throws Exception {
    if (node != null) node.close();
    if (linkVertx != null) linkVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static String unique(String prefix) {
    return prefix + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL);
  }

  /** Signs up through the form; answers the username. Lands on onboarding (no servers yet). */
  private static String signUp(PortalBrowser b) {
    String user = unique("u");
    b.open("/sign-up");
    b.fill("signup-email", user + "@example.com");
    b.fill("signup-username", user);
    b.fill("signup-display", "Player " + user);
    b.fill("signup-password", "correct horse battery");
    b.click(b.button("Create account"));
    b.waitForText(By.cssSelector("main h1"), "Welcome");
    return user;
  }

  /** Creates a game server from the onboarding form and waits for its card. */
  private static void createGameServer(PortalBrowser b, String name) {
    b.fill("create-name", name);
    b.click(b.button("Create server"));
  }

  private static By card(String name) {
    return By.cssSelector("article[aria-label='Server " + name + "']");
  }

  private static int vmidOf(PortalBrowser b, String serverId) {
    Object vmid = b.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
        + "fetch('/api/servers/" + serverId + "').then(r => r.json()).then(s => done(s.vmid));");
    return ((Number) vmid).intValue();
  }

  @Test
  void customerGoesFromSignUpToADeletedServerAndNobodyElseSeesIt() throws Exception {
    try (PortalBrowser b = new PortalBrowser(base)) {
      b.open("/sign-in");
      b.waitFor(By.id("signin-email"));
      b.screenshots("sign-in");
      signUp(b);
      b.screenshots("onboarding");

      // Slow tasks so the pending card is seen before the server's card replaces it.
      node.sims().proxmox().faults(FaultPlan.none().withTaskDuration(Duration.ofMillis(1500)));
      createGameServer(b, "world-one");
      b.waitFor(By.cssSelector("article.pending[aria-label='Creating world-one']"));
      b.screenshots("pending-card");
      WebElement card = b.waitFor(card("world-one"));
      node.sims().proxmox().faults(FaultPlan.none());
      b.waitForText(card("world-one"), "running");
      assertThat(b.driver.findElements(By.cssSelector("article.pending"))).isEmpty();
      // no sample yet: each figure says stale, never a made-up 0
      b.waitForText(card("world-one"), "stale");
      assertThat(b.driver.findElement(card("world-one")).getText()).contains("CPU: stale").doesNotContainPattern("CPU: 0");
      b.screenshots("dashboard");
      b.darkScreenshot("dashboard");

      card.findElement(By.cssSelector("h3 a")).click();
      b.waitForText(By.cssSelector("main h1"), "world-one");
      String serverId = b.driver.getCurrentUrl().replaceAll(".*/servers/", "");

      // A second customer sees none of it: no card, and the server's page is not found.
      try (PortalBrowser other = new PortalBrowser(base)) {
        signUp(other);
        assertThat(other.driver.findElements(By.cssSelector("article.card"))).isEmpty();
        other.open("/servers/" + serverId);
        other.waitFor(By.cssSelector(".problem"));
        assertThat(other.bodyText()).doesNotContain("world-one");
        other.assertClean();
      }

      // Console: connected, a command typed, its echo seen.
      b.click(b.button("Console"));
      b.click(b.button("Open console"));
      b.waitFor(By.cssSelector("[data-console-state='connected']"));
      WebElement input = b.driver.findElement(By.cssSelector(".xterm-helper-textarea"));
      input.sendKeys("say hello-from-portal");
      input.sendKeys(Keys.ENTER);
      b.waitForText(By.cssSelector(".xterm-accessibility-tree"), "say hello-from-portal");
      b.screenshots("console");
      b.darkScreenshot("console");

      // Files: upload a file, then read it back in the editor.
      b.click(b.button("Files"));
      b.waitFor(By.cssSelector("table[aria-label^='Files in']"));
      Path upload = Files.createTempFile("motd", ".txt");
      Files.writeString(upload, "Welcome to world-one");
      b.driver.findElement(By.id("files-upload")).sendKeys(upload.toAbsolutePath().toString());
      b.waitForText(By.cssSelector(".notice"), "Uploaded /" + upload.getFileName());
      b.click(By.cssSelector("button[aria-label='Open " + upload.getFileName() + "']"));
      assertThat(b.waitFor(By.id("file-editor")).getAttribute("value")).isEqualTo("Welcome to world-one");
      b.screenshots("files");

      // Backups: make one, restore it after the confirmation.
      b.click(b.button("Backups"));
      b.click(b.button("Back up now"));
      WebElement restore = b.waitFor(By.cssSelector("button[aria-label^='Restore ']"));
      restore.click();
      b.click(b.button("Yes, restore"));
      b.waitForText(By.cssSelector(".notice"), "Restoring backup");
      b.screenshots("backups");

      // Notes survive a reload.
      b.click(b.button("Notes"));
      b.fill("notes-text", "Whitelist: alice, bob");
      b.click(b.button("Save notes"));
      b.waitForText(By.cssSelector(".notice"), "Notes saved");

      // Delete is refused while the host runs, with the platform's message; after a stop it goes.
      b.click(b.button("Overview"));
      b.fill("delete-confirm", "world-one");
      b.click(b.button("Delete server forever"));
      b.waitForText(By.cssSelector(".problem"), "stop the host");
      b.screenshots("server-delete-refused");
      b.click(By.xpath("//div[@aria-label='Host']/button[normalize-space(.)='Stop']"));
      b.waitForText(By.cssSelector("main p.muted"), "host stopped");
      b.click(b.button("Delete server forever"));
      // "Deleting world-one…" until the teardown ends; then the page goes back to the dashboard.
      new WebDriverWait(b.driver, Duration.ofSeconds(15)).until(
          ExpectedConditions.or(
              ExpectedConditions.textToBePresentInElementLocated(
                  By.cssSelector("[role='status']"), "Deleting world-one"),
              ExpectedConditions.urlToBe(base + "/")));
      b.open("/");
      b.waitForText(By.cssSelector("main h1"), "Welcome");
      assertThat(b.driver.findElements(card("world-one"))).isEmpty();
      b.assertClean();
    }
  }

  @Test
  void consoleSaysWhenTheServerIsUnreachableAndReconnects() throws Exception {
    try (PortalBrowser b = new PortalBrowser(base)) {
      signUp(b);
      createGameServer(b, "lonely");
      WebElement card = b.waitFor(card("lonely"));
      b.waitForText(card("lonely"), "running");
      card.findElement(By.cssSelector("h3 a")).click();
      b.waitForText(By.cssSelector("main h1"), "lonely");
      String serverId = b.driver.getCurrentUrl().replaceAll(".*/servers/", "");
      AgentSimulator agent = node.sims().proxmox().agent(vmidOf(b, serverId)).orElseThrow();

      agent.faults(FaultPlan.none().failing("/console", 503));
      b.click(b.button("Console"));
      b.click(b.button("Open console"));
      b.waitFor(By.cssSelector("[data-console-state='error']"));
      assertThat(b.bodyText()).contains("could not be reached");
      b.screenshots("console-unreachable");

      agent.faults(FaultPlan.none());
      b.click(b.button("Reconnect"));
      b.waitFor(By.cssSelector("[data-console-state='connected']"));

      // The agent drops the console mid-session: the page says so and Reconnect works again.
      agent.failConsoles();
      b.waitFor(By.cssSelector("[data-console-state='error']"));
      b.click(b.button("Reconnect"));
      b.waitFor(By.cssSelector("[data-console-state='connected']"));
      b.assertClean();
    }
  }

  @Test
  void consoleReconnectsByItselfWhenItsNodeDrains() throws Exception {
    try (PortalBrowser b = new PortalBrowser(base)) {
      signUp(b);
      createGameServer(b, "moving");
      WebElement card = b.waitFor(card("moving"));
      b.waitForText(card("moving"), "running");
      card.findElement(By.cssSelector("h3 a")).click();
      b.waitForText(By.cssSelector("main h1"), "moving");
      String serverId = b.driver.getCurrentUrl().replaceAll(".*/servers/", "");
      AgentSimulator agent = node.sims().proxmox().agent(vmidOf(b, serverId)).orElseThrow();
      b.click(b.button("Console"));
      b.click(b.button("Open console"));
      b.waitFor(By.cssSelector("[data-console-state='connected']"));
      long consolesOpened = consoleUpgrades(agent);

      // What a draining node does after its grace: its consoles close with 1012 (Service Restart).
      // No click: the page opens a new console (through the balancer, on another node) by itself.
      assertThat(node.proxy.closeConsoles(serverId, ConsoleEnd.RESTART)).isEqualTo(1);
      new WebDriverWait(b.driver, Duration.ofSeconds(30))
          .until(d -> consoleUpgrades(agent) > consolesOpened);
      b.waitFor(By.cssSelector("[data-console-state='connected']"));
      assertThat(b.driver.findElements(b.button("Reconnect"))).isEmpty();
      b.assertClean();
    }
  }

  private static long consoleUpgrades(AgentSimulator agent) {
    return agent.requests().counts().entrySet().stream().filter(e -> e.getKey().contains("console"))
        .mapToLong(Map.Entry::getValue).sum();
  }

  @Test
  void accountBillingAndSupportPagesSayWhatHappened() throws Exception {
    try (PortalBrowser b = new PortalBrowser(base)) {
      b.open("/forgot-password");
      b.fill("forgot-email", "nobody@example.com");
      b.click(b.button("Send reset link"));
      b.waitForText(By.cssSelector("[role='status']"), "If an account uses that email");
      b.screenshots("forgot-password");
      b.open("/reset-password");
      b.waitForText(By.cssSelector(".problem"), "needs the link from your reset email");

      signUp(b);
      b.click(By.linkText("Billing"));
      b.waitForText(By.cssSelector("main"), "good standing");
      // Stripe cannot be reached from this node: the page shows the problem and its request id.
      b.expectServerError("/api/billing/checkout");
      b.click(b.button("Go to checkout"));
      b.waitForText(By.cssSelector(".problem"), "Quote request id");
      b.screenshots("billing");

      b.click(By.linkText("Support"));
      b.fill("ticket-subject", "Cannot join");
      b.fill("ticket-message", "My friends time out when joining.");
      b.click(b.button("Open ticket"));
      b.waitForText(By.cssSelector("[role='status']"), "is open");
      assertThat(b.waitFor(By.cssSelector("article h3")).getText()).matches("ZLH-\\d{8}-\\w{4}.*Cannot join.*");
      b.screenshots("support");

      b.click(By.linkText("Account"));
      b.fill("pw-current", "wrong password here");
      b.fill("pw-new", "another good password");
      b.click(b.button("Change password"));
      b.waitFor(By.cssSelector(".problem"));
      b.fill("pw-current", "correct horse battery");
      b.fill("pw-new", "another good password");
      b.click(b.button("Change password"));
      b.waitForText(By.cssSelector("[role='status']"), "Password changed");
      b.fill("display-name", "Ada Renamed");
      b.click(b.button("Save name"));
      b.waitForText(By.cssSelector("form[aria-label='Display name'] [role='status']"), "Display name saved");
      b.waitForText(By.cssSelector("main .panel p"), "Ada Renamed");
      b.screenshots("account");
      b.click(b.button("Sign out everywhere"));
      b.waitFor(By.id("signin-email"));
      b.open("/");
      b.waitFor(By.id("signin-email"));
      b.assertClean();
    }
  }

  @Test
  void devServerOpensItsIdeInANewTab() throws Exception {
    try (PortalBrowser b = new PortalBrowser(base)) {
      signUp(b);
      b.click(By.cssSelector("input[name='kind'][value='dev']"));
      b.waitFor(By.id("create-runtime"));
      b.fill("create-name", "code-lab");
      b.click(b.button("Create server"));
      WebElement card = b.waitFor(card("code-lab"));
      b.waitForText(card("code-lab"), "running");
      card.findElement(By.cssSelector("h3 a")).click();
      String portal = b.driver.getWindowHandle();
      // the dev host's own answers (a 503 "Your IDE is starting" page while code-server comes up) are
      // another origin's, not the portal's: the portal is served from 127.0.0.1, never *.localhost
      b.expectConsoleError(".localhost:");
      b.click(b.button("Open IDE"));
      new WebDriverWait(b.driver, Duration.ofSeconds(15))
          .until(d -> d.getWindowHandles().size() == 2);
      String ide = b.driver.getWindowHandles().stream().filter(h -> !h.equals(portal)).findFirst().orElseThrow();
      b.notJudgingAnotherOriginsPage(() -> {
        b.driver.switchTo().window(ide);
        // The one-time link was traded for the IDE host's cookie and the clean URL: code-server answers,
        // the real workbench when one is installed (ZLH_CODE_SERVER), else the simulator's stand-in.
        String expected = REAL_CODE_SERVER == null ? "code-server" : "vscode-workbench";
        new WebDriverWait(b.driver, Duration.ofSeconds(REAL_CODE_SERVER == null ? 15 : 90))
            .until(d -> d.getCurrentUrl().matches("http://dev-\\d+\\.localhost:\\d+/(\\?.*)?") && d.getPageSource().contains(expected));
        if (REAL_CODE_SERVER != null) {
          // not only its HTML: the workbench renders (its scripts and sockets work through the proxy)
          new WebDriverWait(b.driver, Duration.ofSeconds(90))
              .until(d -> !d.findElements(By.cssSelector(".monaco-workbench .part.editor")).isEmpty());
          try {
            b.screenshots("ide-workbench");
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
        b.driver.close();
        b.driver.switchTo().window(portal);
      });
      b.screenshots("dev-server");
      // and the dev server goes: stop, then delete by typing its name
      b.click(By.xpath("//div[@aria-label='Host']/button[normalize-space(.)='Stop']"));
      b.waitForText(By.cssSelector("main p.muted"), "host stopped");
      b.fill("delete-confirm", "code-lab");
      b.click(b.button("Delete server forever"));
      new WebDriverWait(b.driver, Duration.ofSeconds(15)).until(
          ExpectedConditions.or(
              ExpectedConditions.textToBePresentInElementLocated(
                  By.cssSelector("[role='status']"), "Deleting code-lab"),
              ExpectedConditions.urlToBe(base + "/")));
      b.open("/");
      b.waitForText(By.cssSelector("main h1"), "Welcome");
      assertThat(b.driver.findElements(card("code-lab"))).isEmpty();
      b.assertClean();
    }
  }

  /** An administrator publishes an announcement for everyone through the API. */
  private static void announce(String message) throws Exception {
    String[] admin = node.signUp();
    node.platform.context().store().append(AccountDecider.stream(admin[0]), ExpectedVersion.ANY,
        List.of(NewEvent.of(new RoleGranted(admin[0], Role.ADMIN, "operator:test", Instant.now()), EventMetadata.system("test"))))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    int status;
    do {
      status = node.send(admin[1], "POST", "/api/admin/announcements",
          new JsonObject().put("message", message).put("severity", "warning")).statusCode();
      if (status != 201) Thread.sleep(50);
    } while (status != 201 && System.nanoTime() < deadline);
    assertThat(status).as("announcement published").isEqualTo(201);
  }

  @Test
  void dashboardShowsTheBannerAndOnePendingCardPerCreateEvenOnADoubleSubmit() throws Exception {
    announce("Maintenance tonight at 22:00 UTC");
    try (PortalBrowser b = new PortalBrowser(base)) {
      signUp(b);
      b.waitForText(By.cssSelector("[role='region'][aria-label='Announcements']"), "Maintenance tonight");

      // Slow Proxmox tasks keep both creates pending for a while (servers are provisioned one at a
      // time); long enough that a loaded machine still shows both before the first one ends.
      node.sims().proxmox().faults(FaultPlan.none().withTaskDuration(Duration.ofSeconds(15)));
      try {
        // Two submissions of one form before the page can disable its button: one key, one server.
        b.fill("create-name", "alpha");
        b.driver.executeScript("const f = document.querySelector('form[aria-label=\\'Create a server\\']');"
            + "f.requestSubmit(); f.requestSubmit();");
        b.waitFor(By.cssSelector("article.pending[aria-label='Creating alpha']"));
        b.click(By.linkText("New server"));
        b.fill("create-name", "beta");
        b.click(b.button("Create server"));
        b.waitFor(By.cssSelector("article.pending[aria-label='Creating beta']"));
        b.screenshots("two-pending-cards");
        assertThat(b.driver.findElements(By.cssSelector("article.pending"))).as("two quick creates, two pending cards").hasSize(2);
      } finally {
        node.sims().proxmox().faults(FaultPlan.none());
      }
      b.waitForText(card("alpha"), "running", Duration.ofSeconds(90));
      b.waitForText(card("beta"), "running", Duration.ofSeconds(90));
      assertThat(b.driver.findElements(By.cssSelector("article.card"))).hasSize(2);
      b.assertClean();
    }
  }

  @Test
  void cardsCatchUpAfterTheLiveSocketDropsWithoutPolling() throws Exception {
    String email = unique("drop") + "@example.com";
    String user = unique("d");
    assertThat(node.send(null, "POST", "/api/auth/register", new JsonObject().put("email", email)
        .put("password", "correct horse battery").put("username", user).put("displayName", "Dropped " + user))
        .statusCode()).isEqualTo(201);
    String token = new JsonObject(node.send(null, "POST", "/api/auth/login",
        new JsonObject().put("email", email).put("password", "correct horse battery")).body()).getString("token");
    try (PortalBrowser b = new PortalBrowser(base)) {
      b.open("/sign-in");
      b.fill("signin-email", email);
      b.fill("signin-password", "correct horse battery");
      b.click(b.button("Sign in"));
      b.waitForText(By.cssSelector("main h1"), "Welcome");

      // The link drops: the page's live socket closes and its reconnect attempts fail for a while.
      b.expectConsoleError("net::ERR_CONNECTION_REFUSED");
      b.expectConsoleError("WebSocket connection to");
      link.cut().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      // Meanwhile the customer creates a server elsewhere (the API, another tab) and it becomes ready.
      String serverId = new JsonObject(node.send(token, "POST", "/api/instances", new JsonObject().put("type", "game")
          .put("name", "offline-made").put("variant", "vanilla").put("plan", "game-2g")).body()).getString("serverId");
      long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      while (!"running".equals(new JsonObject(node.send(token, "GET", "/api/servers/" + serverId, null).body()).getString("lifecycle"))) {
        assertThat(System.nanoTime()).as("server ready").isLessThan(deadline);
        Thread.sleep(50);
      }
      link.restore().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

      // Reconnected, the page reads the list again and shows the card; nothing was reloaded.
      b.waitForText(card("offline-made"), "running");
      b.assertClean();
    }
  }
}
