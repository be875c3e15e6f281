package com.zerolaghub.verticles.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.zerolaghub.events.testing.TestPostgres;
import com.zerolaghub.simulators.DiscordSimulator;
import com.zerolaghub.verticles.config.SupportConfig;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Ticket notifications through the outbox: real SMTP (GreenMail) and the Discord simulator, none lost, none twice")
class NotificationsTest {
  private Vertx vertx;
  private DiscordSimulator discord;
  private GreenMail mail;
  private int smtpPort;
  private final List<SupportNode> nodes = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    discord = new DiscordSimulator(vertx).start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    try (ServerSocket s = new ServerSocket(0)) {
      smtpPort = s.getLocalPort();
    }
    mail = smtp();
  }

  @AfterEach
  void stop() throws Exception {
    for (SupportNode n : nodes) n.close();
    if (mail != null) mail.stop();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private GreenMail smtp() {
    GreenMail g = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    g.start();
    return g;
  }

  private SupportNode node(TestPostgres.Database db) throws Exception {
    SupportConfig support = SupportConfig.builder().discordWebhookUrl(discord.webhookUrl())
        .pollMillis(50).claimSeconds(3).maxAttempts(100).backoffMaxMillis(400).build();
    SupportNode n = SupportNode.start(db, smtpPort, support);
    nodes.add(n);
    return n;
  }

  private static JsonObject ticket(int n) {
    return new JsonObject().put("subject", "burst " + n).put("message", "message " + n).put("category", "technical");
  }

  @Test
  void twoHundredTicketsOnTwoNodesMailAndAlertEachOnceAcrossAStopAndRestart() throws Exception {
    discord.rateLimitEvery(9, 0.05).failNext(3);
    TestPostgres.Database db = TestPostgres.freshDatabase();
    SupportNode a = node(db);
    SupportNode b = node(db);
    List<Customer> customers = new ArrayList<>();
    for (int i = 0; i < 10; i++) customers.add(Customer.signUp(a.port()));
    // Both outside systems are down while the tickets arrive, so delivery starts after the burst.
    mail.stop();
    discord.failNext(1_000_000);
    ExecutorService pool = Executors.newFixedThreadPool(50);
    Set<String> numbers = new HashSet<>();
    try {
      List<Future<HttpResponse<String>>> answers = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        Customer c = customers.get(i % customers.size());
        Customer through = i % 2 == 0 ? c : c.via(b.port());
        int n = i;
        answers.add(pool.submit(() -> through.post("/api/support/create", ticket(n))));
      }
      for (Future<HttpResponse<String>> f : answers) {
        HttpResponse<String> r = f.get();
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        numbers.add(new JsonObject(r.body()).getString("ticketNumber"));
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(numbers).hasSize(200);

    mail = smtp();
    discord.failNext(0);
    // Stop one node's processor and sender midway, then start a replacement on the same database.
    SupportNode.eventually(Duration.ofSeconds(90), "some mail out", () -> mail.getReceivedMessages().length >= 20);
    int mailsAtStop = mail.getReceivedMessages().length;
    int postsAtStop = discord.posts().size();
    a.close();
    nodes.remove(a);
    int mailsAfterStop = mail.getReceivedMessages().length;
    node(db);
    System.out.println("notifications: node A stopping at " + mailsAtStop + " mails / " + postsAtStop + " posts; stopped at "
        + mailsAfterStop + " mails");

    SupportNode.eventually(Duration.ofSeconds(180), "200 acknowledgements and 200 alerts",
        () -> mail.getReceivedMessages().length >= 200 && discord.posts().size() >= 200);
    Thread.sleep(500); // a straggler resend would arrive within a few polls
    List<String> ids = Mails.messageIds(mail);
    assertThat(ids).hasSize(200).doesNotHaveDuplicates()
        .allMatch(id -> id.matches("<[0-9a-f-]{36}\\.email@notifications\\.zerolaghub>"));
    Set<String> mailed = new HashSet<>();
    for (MimeMessage m : Mails.all(mail)) mailed.add(m.getSubject().substring(1, 18));
    assertThat(mailed).isEqualTo(numbers);
    Set<String> alerted = new HashSet<>();
    for (JsonObject post : discord.posts()) alerted.add(post.getString("content").substring("New ticket ".length(), "New ticket ".length() + 17));
    assertThat(discord.posts()).hasSize(200);
    assertThat(alerted).isEqualTo(numbers);
    assertThat(discord.rateLimitedAnswers()).isPositive();
    assertThat(b.count("SELECT count(*) FROM notification_outbox")).isZero();
    assertThat(b.count("SELECT count(*) FROM event_log WHERE event_type = 'notification.sent'")).isEqualTo(400);
  }

  /** Not a benchmark (shared CI machine), but prints the end-to-end figures of one run. */
  @Test
  void threeHundredAcknowledgementsArriveAndTheirDelayIsMeasured() throws Exception {
    SupportNode n = node(TestPostgres.freshDatabase());
    List<Customer> customers = new ArrayList<>();
    for (int i = 0; i < 10; i++) customers.add(Customer.signUp(n.port()));
    ExecutorService pool = Executors.newFixedThreadPool(32);
    long t0 = System.nanoTime();
    try {
      List<Future<HttpResponse<String>>> answers = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        Customer c = customers.get(i % customers.size());
        int k = i;
        answers.add(pool.submit(() -> c.post("/api/support/create", ticket(k))));
      }
      for (Future<HttpResponse<String>> f : answers) assertThat(f.get().statusCode()).isEqualTo(201);
    } finally {
      pool.shutdownNow();
    }
    double createSeconds = (System.nanoTime() - t0) / 1e9;
    SupportNode.eventually(Duration.ofSeconds(180), "300 acknowledgements", () -> mail.getReceivedMessages().length >= 300);
    double seconds = (System.nanoTime() - t0) / 1e9;
    Timer delay = n.platform.context().meterRegistry().get("zlh_notification_delay").timer();
    StringBuilder percentiles = new StringBuilder();
    for (var v : delay.takeSnapshot().percentileValues()) {
      percentiles.append(" p").append(Math.round(v.percentile() * 100)).append('=')
          .append(Math.round(v.value(TimeUnit.MILLISECONDS))).append("ms");
    }
    System.out.printf("notify: 300 tickets created in %.2f s, all 300 mails accepted by SMTP after %.2f s (%.0f mails/s end to end);"
        + " delay event->accepted over mails and alerts:%s max=%dms%n",
        createSeconds, seconds, 300 / seconds, percentiles, Math.round(delay.max(TimeUnit.MILLISECONDS)));
    assertThat(Mails.messageIds(mail)).hasSize(300).doesNotHaveDuplicates();
  }

  @Test
  void mailWaitsWhileSmtpIsDownAndIsDeliveredWhenItReturns() throws Exception {
    SupportNode n = node(TestPostgres.freshDatabase());
    Customer alice = Customer.signUp(n.port());
    mail.stop();
    for (int i = 0; i < 20; i++) assertThat(alice.post("/api/support/create", ticket(i)).statusCode()).isEqualTo(201);
    SupportNode.eventually(Duration.ofSeconds(180), "failed attempts recorded in the outbox",
        () -> n.count("SELECT count(*) FROM notification_outbox WHERE channel = 'email' AND attempts >= 2") == 20);
    mail = smtp();
    SupportNode.eventually(Duration.ofSeconds(90), "20 acknowledgements", () -> mail.getReceivedMessages().length >= 20);
    Thread.sleep(300);
    assertThat(Mails.messageIds(mail)).hasSize(20).doesNotHaveDuplicates();
    assertThat(n.count("SELECT count(*) FROM event_log WHERE event_type = 'notification.failed'")).isZero();
  }

  @Test
  void aRefusedAlertIsRecordedAsFailedAndCountedOnce() throws Exception {
    SupportConfig support = SupportConfig.builder().pollMillis(50).claimSeconds(3).maxAttempts(3).backoffMaxMillis(100)
        .discordWebhookUrl(discord.webhookUrl().replace("/api/webhooks/", "/gone/")).build();
    SupportNode n = SupportNode.start(TestPostgres.freshDatabase(), smtpPort, support);
    nodes.add(n);
    Customer alice = Customer.signUp(n.port());
    assertThat(alice.post("/api/support/create", ticket(1)).statusCode()).isEqualTo(201);
    SupportNode.eventually(Duration.ofSeconds(180), "failure recorded",
        () -> n.count("SELECT count(*) FROM event_log WHERE event_type = 'notification.failed'") == 1);
    SupportNode.eventually(Duration.ofSeconds(180), "acknowledgement mailed", () -> mail.getReceivedMessages().length == 1);
    double failed = n.platform.context().meterRegistry().get("zlh_notifications_failed_total").tag("channel", "discord").counter().count();
    assertThat(failed).isEqualTo(1.0);
    assertThat(n.platform.context().meterRegistry().get("zlh_notifications_failed_total").tag("channel", "email").counter().count())
        .isZero();
    // The mail can arrive before the sender has recorded its outcome and cleared the row.
    SupportNode.eventually(Duration.ofSeconds(90), "outbox drained", () -> n.count("SELECT count(*) FROM notification_outbox") == 0);
  }

  @Test
  void aScriptInTheTicketIsMailedVerbatimInTextAndEscapedInHtml() throws Exception {
    SupportNode n = node(TestPostgres.freshDatabase());
    Customer alice = Customer.signUp(n.port());
    String evil = "<script>alert('x')</script>";
    assertThat(alice.post("/api/support/create", new JsonObject().put("subject", "hi " + evil).put("message", evil)
        .put("category", "other")).statusCode()).isEqualTo(201);
    SupportNode.eventually(Duration.ofSeconds(180), "acknowledgement", () -> mail.getReceivedMessages().length == 1);
    MimeMessage m = mail.getReceivedMessages()[0];
    assertThat(m.getAllRecipients()[0].toString()).isEqualTo(alice.email);
    String html = Mails.part(m, "text/html");
    assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    assertThat(Mails.part(m, "text/plain")).contains(evil);
  }
}
