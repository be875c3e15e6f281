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
        templates.serverReady("a@example.com", EVIL),
        templates.serverFailed("a@example.com", EVIL));
    for (Notification n : mails) {
      assertThat(n.html()).as(n.kind()).doesNotContain("<img").contains("&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;");
      assertThat(n.text()).as(n.kind()).contains(EVIL);
    }
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
