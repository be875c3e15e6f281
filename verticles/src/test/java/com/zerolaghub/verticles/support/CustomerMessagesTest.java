package com.zerolaghub.verticles.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.zerolaghub.verticles.config.MailConfig;
import com.zerolaghub.verticles.config.ProxyConfig;
import com.zerolaghub.verticles.testing.WiredNode;
import io.vertx.core.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The mails a customer gets from a whole node name servers by their name and say how to reach them. */
@DisplayName("customer mails read well")
class CustomerMessagesTest {
  private static GreenMail mail;
  private static WiredNode node;

  @BeforeAll
  static void start() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    mail.start();
    node = WiredNode.start(Clock.systemUTC(), "http://127.0.0.1:9", Duration.ofDays(3), Duration.ofDays(7),
        ProxyConfig.builder().port(0).host("127.0.0.1").build(),
        c -> c.with(b -> b.mail(m -> m.host("127.0.0.1").port(port).tls(MailConfig.TLS_NONE)
            .from("ZeroLagHub <no-reply@zerolaghub.test>"))));
  }

  @AfterAll
  static void stop() throws Exception {
    if (node != null) node.close();
    if (mail != null) mail.stop();
  }

  @Test
  void theReadyMailNamesTheServerAndSaysWherePlayersConnectOrWhereTheIdeOpens() throws Exception {
    String[] customer = node.signUp();
    String email = new JsonObject(node.send(customer[1], "GET", "/api/me", null).body()).getString("email");
    HttpResponse<String> game = node.send(customer[1], "POST", "/api/instances", new JsonObject().put("type", "game")
        .put("name", "survival").put("variant", "vanilla").put("plan", "game-4g"));
    assertThat(game.statusCode()).as(game.body()).isEqualTo(202);
    String gameId = new JsonObject(game.body()).getString("serverId");

    MimeMessage ready = mailTo(email, "\u201csurvival\u201d is ready");
    String text = Mails.part(ready, "text/plain");
    int vmid = new JsonObject(node.send(customer[1], "GET", "/api/servers/" + gameId, null).body()).getInteger("vmid");
    assertThat(text).startsWith("Your server \u201csurvival\u201d is ready.")
        .contains("Players connect to survival-" + vmid + ".play.zerolaghub.test")
        .doesNotContain("server " + gameId);

    node.send(customer[1], "POST", "/api/instances", new JsonObject().put("type", "dev").put("name", "api-lab")
        .put("runtime", "node").put("version", "22").put("codeServer", true));
    assertThat(Mails.part(mailTo(email, "\u201capi-lab\u201d is ready"), "text/plain"))
        .contains("Open its IDE from the panel").doesNotContain("Players connect");
  }

  private static MimeMessage mailTo(String email, String subjectPart) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      for (MimeMessage m : mail.getReceivedMessages()) {
        if (m.getAllRecipients()[0].toString().equals(email) && m.getSubject().contains(subjectPart)) return m;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no mail to " + email + " about " + subjectPart);
  }
}
