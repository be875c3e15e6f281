package com.zerolaghub.core.infra.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.core.infra.OutsideSystemTimeoutException;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.StartTLSOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The SMTP mailer speaks the configured TLS mode and login, sends nothing without a host, and gives up on a silent server")
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
  void aServerThatAcceptsAndNeverAnswersFailsTheSendAtItsTimeout() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        try {
          while (true) silent.accept(); // holds each connection open and never greets
        } catch (IOException closed) {
          // the test is over
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      SmtpMailer mailer = new SmtpMailer(vertx, new MailOptions("127.0.0.1", silent.getLocalPort(), MailOptions.TLS_NONE,
          "a@b.c", "", "", Duration.ofMillis(300)));
      long started = System.nanoTime();
      Throwable failed = mailer.send(new OutgoingMail("x@y.z", "s", "t", null, null))
          .toCompletionStage().toCompletableFuture().handle((ok, err) -> err).get(10, TimeUnit.SECONDS);
      assertThat(failed).isInstanceOf(OutsideSystemTimeoutException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
      mailer.close();
    }
  }

  @Test
  void thePasswordStaysOutOfTheOptionsText() {
    assertThat(new MailOptions("h", 25, MailOptions.TLS_NONE, "a@b.c", "user", "hunter2").toString()).doesNotContain("hunter2");
  }
}
