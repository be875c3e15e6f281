package com.zerolaghub.core.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Notification templates: every user value escaped in HTML, kept verbatim in text; ticket numbers")
class NotificationTemplatesTest {
  private static final String EVIL = "<img src=x onerror=\"alert('x')\">&";
  private final NotificationTemplates templates = new NotificationTemplates("https://portal.test");

  @Test
  void everyEmailEscapesUserTextInHtmlAndKeepsItInPlainText() {
    List<Notification> mails = List.of(
        templates.ticketAcknowledgement("a@example.com", "ZLH-20260101-0001", EVIL, EVIL),
        templates.ticketReply("a@example.com", "ZLH-20260101-0001", EVIL),
        templates.serverReady("a@example.com", new ServerMention("s1", EVIL, null, true)),
        templates.serverFailed("a@example.com", new ServerMention("s1", EVIL, null, false)),
        templates.serverCrashed("a@example.com", new ServerMention("s1", EVIL, null, false), "oom"));
    for (Notification n : mails) {
      assertThat(n.html()).as(n.kind()).doesNotContain("<img").contains("&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;");
      assertThat(n.text()).as(n.kind()).contains(EVIL);
    }
  }

  @Test
  void timesAreHumanNotRawIso() {
    assertThat(HumanTime.format(Instant.parse("2026-12-07T17:40:12.123456789Z"))).isEqualTo("7 Dec 2026, 17:40 UTC");
    Notification receipt = templates.receipt("a@example.com", "in_1", 1299L, "eur", "2026-12-07T17:40:12.123456789Z");
    assertThat(receipt.text()).contains("on 7 Dec 2026, 17:40 UTC").doesNotContain("2026-12-07T");
    Notification suspended = templates.billingSuspended("a@example.com", Instant.parse("2026-12-07T17:40:12.5Z"));
    assertThat(suspended.text()).contains("suspended on 7 Dec 2026, 17:40 UTC").contains("Nothing is deleted")
        .contains("https://portal.test/billing");
  }

  @Test
  void theReadyMailNamesTheServerAndSaysHowToConnect() {
    Notification game = templates.serverReady("a@example.com", new ServerMention("0b9c-id", "survival", "survival-104.play.zerolaghub.test", false));
    assertThat(game.subject()).isEqualTo("Your server \u201csurvival\u201d is ready");
    assertThat(game.html()).contains("survival-104.play.zerolaghub.test");
    assertThat(game.text()).contains("\u201csurvival\u201d").contains("Players connect to survival-104.play.zerolaghub.test")
        .doesNotContain("Your server 0b9c-id");
    Notification dev = templates.serverReady("a@example.com", new ServerMention("0b9c-id", "api-lab", null, true));
    assertThat(dev.text()).contains("Open its IDE from the panel: https://portal.test/servers/0b9c-id");
    assertThat(templates.serverReady("a@example.com", new ServerMention("0b9c-id", null, null, false)).text())
        .startsWith("Your server is ready.").doesNotContain("Your server 0b9c-id");
  }

  @Test
  void aDiscordAlertCannotPingTheChannel() {
    Notification alert = templates.ticketAlert("ZLH-20260101-0001", "other", "u1", "@everyone look", "<@123> hi");
    assertThat(alert.text()).doesNotContain("@everyone").contains("@\u200beveryone");
    assertThat(alert.html()).doesNotContain("<@123>");
  }

  @Test
  void numbersAreTheUtcDayAndAFourDigitSequence() {
    assertThat(TicketNumbers.day(Instant.parse("2026-11-22T23:59:59Z"))).isEqualTo("20261122");
    assertThat(TicketNumbers.format("20261122", 7)).isEqualTo("ZLH-20261122-0007");
    assertThat(TicketNumbers.format("20261122", 9999)).isEqualTo("ZLH-20261122-9999");
  }

  @Test
  void notesHoldAtMost64KiBOfUtf8() {
    assertThat(NoteLimits.fits("a".repeat(65_536))).isTrue();
    assertThat(NoteLimits.fits("a".repeat(65_537))).isFalse();
    assertThat(NoteLimits.fits("é".repeat(32_768))).isTrue();
    assertThat(NoteLimits.fits("é".repeat(32_769))).isFalse();
  }
}
