package com.zerolaghub.verticles.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.zerolaghub.events.DomainEvent;
import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.events.ExpectedVersion;
import com.zerolaghub.events.NewEvent;
import com.zerolaghub.events.StreamId;
import com.zerolaghub.events.billing.BillingEvent;
import com.zerolaghub.events.billing.BillingEvent.InvoicePaid;
import com.zerolaghub.events.controller.RepairEvent;
import com.zerolaghub.events.controller.RepairEvent.DriftFound;
import com.zerolaghub.events.controller.RepairEvent.RepairPlanned;
import com.zerolaghub.events.controller.RepairEvent.RepairSucceeded;
import com.zerolaghub.events.testing.TestPostgres;
import com.zerolaghub.simulators.DiscordSimulator;
import com.zerolaghub.verticles.config.SupportConfig;
import io.vertx.core.Vertx;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The platform's own events reach people through the outbox: a paid invoice mails a receipt, a
 * crash the controller saw mails the server's owner, and repairs are posted to the operators'
 * Discord channel. The events are appended as the webhook handler and the controller append them.
 */
@DisplayName("Receipts, crash mails and repair alerts through the notification outbox")
class PlatformNotificationsTest {
  static Vertx vertx;
  static DiscordSimulator discord;
  static GreenMail mail;
  static SupportNode node;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    discord = new DiscordSimulator(vertx).start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    mail.start();
    node = SupportNode.start(TestPostgres.freshDatabase(), port,
        SupportConfig.builder().discordWebhookUrl(discord.webhookUrl())
            .pollMillis(50).claimSeconds(3).maxAttempts(100).backoffMaxMillis(400).build());
    node.platform.context().codec().register(BillingEvent.TYPES).register(RepairEvent.TYPES);
  }

  @AfterAll
  static void stop() throws Exception {
    if (node != null) node.close();
    if (mail != null) mail.stop();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static void append(String type, String id, DomainEvent event) throws Exception {
    node.platform.context().store().append(StreamId.of(type, id), ExpectedVersion.ANY,
        List.of(NewEvent.of(event, EventMetadata.system("test")))).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static MimeMessage mailTo(String email, String subjectPart) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      for (MimeMessage m : mail.getReceivedMessages()) {
        if (m.getAllRecipients()[0].toString().equals(email) && m.getSubject().contains(subjectPart)) return m;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no mail to " + email + " about " + subjectPart);
  }

  @Test
  void aPaidInvoiceMailsAReceiptWithTheAmount() throws Exception {
    Customer alice = Customer.signUp(node.port());
    Instant paid = Instant.parse("2026-11-22T10:00:00Z");
    append("billing", alice.id, new InvoicePaid(alice.id, "in_1QxYz", paid.minusSeconds(3600), paid, "stripe:evt_1", paid, 1299L, "eur"));
    MimeMessage m = mailTo(alice.email, "in_1QxYz");
    assertThat(Mails.part(m, "text/plain")).contains("12.99 EUR").contains("in_1QxYz").contains("22 Nov 2026, 10:00 UTC")
        .doesNotContain("2026-11-22T10:00:00Z");
    assertThat(Mails.part(m, "text/html")).contains("12.99 EUR");
  }

  @Test
  void aCrashTheControllerSawMailsTheOwnerOnceAndOtherFindingsMailNobody() throws Exception {
    Customer bob = Customer.signUp(node.port());
    String serverId = UUID.randomUUID().toString();
    node.serverOwnedBy(serverId, bob.id);
    append("drift", serverId + ":srv-missing", new DriftFound(serverId + ":srv-missing", "f-0", serverId, "srv-missing",
        Map.of("record", "x"), Instant.now()));
    append("drift", serverId + ":game-crashed", new DriftFound(serverId + ":game-crashed", "f-1", serverId, "game-crashed",
        Map.of("observed", "game crashed", "crash", "oom at 2026-11-22T10:01:00Z, exit code 137"), Instant.now()));
    MimeMessage m = mailTo(bob.email, "crashed");
    assertThat(Mails.part(m, "text/plain")).contains(serverId).contains("oom").contains("exit code 137");
    Thread.sleep(500); // the outbox is drained in order: a mail for the SRV finding would have come by now
    long toBob = Arrays.stream(mail.getReceivedMessages()).filter(x -> {
      try {
        return x.getAllRecipients()[0].toString().equals(bob.email);
      } catch (Exception e) {
        return false;
      }
    }).count();
    assertThat(toBob).isEqualTo(1);
  }

  @Test
  void aSuspensionMailsTheAccountWhatStoppedThatNothingIsDeletedAndHowToLiftIt() throws Exception {
    Customer carol = Customer.signUp(node.port());
    Instant at = Instant.parse("2026-12-07T17:40:12.345678901Z");
    append("billing", carol.id, new BillingEvent.EnforcementChanged(carol.id, "final_warning", "suspended", "unpaid", at));
    MimeMessage m = mailTo(carol.email, "suspended");
    assertThat(Mails.part(m, "text/plain")).contains("suspended on 7 Dec 2026, 17:40 UTC").contains("game servers are stopped")
        .contains("Nothing is deleted").contains("https://portal.test/billing").doesNotContain("2026-12-07T");
  }

  @Test
  void repairsArePostedToTheOperatorsChannel() throws Exception {
    String serverId = UUID.randomUUID().toString();
    String repairId = UUID.randomUUID().toString();
    append("repair", repairId, new RepairPlanned(repairId, "f-2", serverId, "edge_republish", 1, "live",
        "restore the SRV record and the Velocity registration", Instant.now()));
    append("repair", repairId, new RepairSucceeded(repairId, serverId, "edge_republish", "SRV record r-9 in place", Instant.now()));
    SupportNode.eventually(Duration.ofSeconds(20), "two repair posts", () -> discord.posts().stream()
        .filter(p -> p.encode().contains(serverId)).count() == 2);
    List<String> contents = discord.posts().stream().filter(p -> p.encode().contains(serverId))
        .map(p -> p.getString("content")).toList();
    assertThat(contents).anyMatch(c -> c.contains("edge_republish (level 1, live)") && c.contains(": planned"));
    assertThat(contents).anyMatch(c -> c.contains(": succeeded") && c.contains("SRV record r-9 in place"));
  }
}
