package com.zerolaghub.core.infra.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.StartTLSOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The SMTP mailer speaks the configured TLS mode and login, and sends nothing without a host")
class SmtpMailerTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void implicitTlsConnectsOverTlsWithoutStartTls() {
    MailConfig m = SmtpMailer.clientOptions(new MailOptions("smtp.example.com", 465, MailOptions.TLS_IMPLICIT, "a@b.c", "", ""));
    assertThat(m.isSsl()).isTrue();
    assertThat(m.getStarttls()).isEqualTo(StartTLSOptions.DISABLED);
    assertThat(m.getPort()).isEqualTo(465);
  }

  @Test
  void startTlsIsRequiredNotMerelyTried() {
    MailConfig m = SmtpMailer.clientOptions(new MailOptions("smtp.example.com", 587, MailOptions.TLS_STARTTLS, "a@b.c", "", ""));
    assertThat(m.isSsl()).isFalse();
    assertThat(m.getStarttls()).isEqualTo(StartTLSOptions.REQUIRED);
  }

  @Test
  void aUsernameMakesLoginRequiredAndNoneTurnsItOff() {
    MailConfig with = SmtpMailer.clientOptions(new MailOptions("h", 25, MailOptions.TLS_NONE, "a@b.c", "user", "secret"));
    assertThat(with.getLogin()).isEqualTo(LoginOption.REQUIRED);
    assertThat(with.getUsername()).isEqualTo("user");
    MailConfig without = SmtpMailer.clientOptions(new MailOptions("h", 25, MailOptions.TLS_NONE, "a@b.c", "", ""));
    assertThat(without.getLogin()).isEqualTo(LoginOption.DISABLED);
    assertThat(without.getStarttls()).isEqualTo(StartTLSOptions.DISABLED);
  }

  @Test
  void withoutAHostTheMailerIsDisabledAndRefusesToSend() {
    SmtpMailer mailer = new SmtpMailer(vertx, new MailOptions("", 587, MailOptions.TLS_STARTTLS, "a@b.c", "", ""));
    assertThat(mailer.enabled()).isFalse();
    Throwable refused = mailer.send(new OutgoingMail("x@y.z", "s", "t", null, null)).cause();
    assertThat(refused).isInstanceOf(IllegalStateException.class);
    assertThat(mailer.close().succeeded()).isTrue();
  }

  @Test
  void thePasswordStaysOutOfTheOptionsText() {
    assertThat(new MailOptions("h", 25, MailOptions.TLS_NONE, "a@b.c", "user", "hunter2").toString()).doesNotContain("hunter2");
  }
}
