package com.zerolaghub.core.infra.mail;

import com.zerolaghub.core.infra.OutsideSystem;
import com.zerolaghub.core.infra.OutsideSystemTimeoutException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@link Mailer} over SMTP with the Vert.x mail client; no client at all when no host is configured. */
public final class SmtpMailer implements Mailer {
  private final MailOptions options;
  private final MailClient client;

  public SmtpMailer(Vertx vertx, MailOptions options) {
    this.options = options;
    this.client = options.enabled() ? MailClient.create(vertx, clientOptions(options)) : null;
  }

  @Override
  public boolean enabled() {
    return client != null;
  }

  @Override
  public Future<Void> send(OutgoingMail mail) {
    if (client == null) return Future.failedFuture(new IllegalStateException("no SMTP host configured"));
    MailMessage message = new MailMessage().setFrom(options.from()).setTo(mail.to()).setSubject(mail.subject())
        .setText(mail.text()).setHtml(mail.html());
    if (mail.messageId() != null) message.addHeader("Message-ID", mail.messageId());
    // The client itself waits for ever on a server that accepted the connection and went quiet.
    return client.sendMail(message).timeout(options.sendTimeout().toMillis(), TimeUnit.MILLISECONDS).<Void>mapEmpty()
        .recover(err -> Future.failedFuture(err instanceof TimeoutException
            ? new OutsideSystemTimeoutException(OutsideSystem.SMTP, "send mail", options.sendTimeout(), err) : err));
  }

  @Override
  public Future<Void> close() {
    return client == null ? Future.succeededFuture() : client.close();
  }

  /** The Vert.x mail client's options for this server: TLS mode and login. */
  static MailConfig clientOptions(MailOptions o) {
    MailConfig m = new MailConfig().setHostname(o.host()).setPort(o.port());
    switch (o.tls()) {
      case MailOptions.TLS_IMPLICIT:
        m.setSsl(true).setStarttls(StartTLSOptions.DISABLED);
        break;
      case MailOptions.TLS_STARTTLS:
        m.setStarttls(StartTLSOptions.REQUIRED);
        break;
      default:
        m.setStarttls(StartTLSOptions.DISABLED);
    }
    if (o.username().isEmpty()) m.setLogin(LoginOption.DISABLED);
    else m.setLogin(LoginOption.REQUIRED).setUsername(o.username()).setPassword(o.password());
    return m;
  }
}
