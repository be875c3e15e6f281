package com.zerolaghub.verticles.accounts;

import com.zerolaghub.verticles.config.MailConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mails password-reset links over SMTP (plain text and HTML). The token travels in the link's
 * fragment ({@code #token=}), which browsers never send to a server, so it stays out of access
 * logs and Referer headers. The link is never logged.
 */
final class ResetLinkMailer {
  private static final Logger log = LoggerFactory.getLogger(ResetLinkMailer.class);

  private final MailConfig config;
  private final String publicUrl;
  private final MailClient client;

  ResetLinkMailer(Vertx vertx, MailConfig config, String publicUrl) {
    this.config = config;
    this.publicUrl = publicUrl;
    this.client = config.enabled() ? MailClient.create(vertx, clientConfig(config)) : null;
  }

  static String link(String publicUrl, String token) {
    return publicUrl + "/reset-password#token=" + token;
  }

  Future<Void> send(String userId, String to, String displayName, String token, Duration validFor) {
    if (client == null) {
      log.atWarn().setMessage("password reset requested but mail.host is empty: no mail sent").addKeyValue("userId", userId).log();
      return Future.succeededFuture();
    }
    String link = link(publicUrl, token);
    long minutes = validFor.toMinutes();
    String text = "Hello " + displayName + ",\n\n"
        + "someone (hopefully you) asked to reset the password of your ZeroLagHub account.\n"
        + "Open this link within " + minutes + " minutes to choose a new one; it works once:\n\n"
        + link + "\n\n"
        + "If you did not ask, ignore this mail: your password stays as it is.\n";
    String html = "<p>Hello " + escape(displayName) + ",</p>"
        + "<p>someone (hopefully you) asked to reset the password of your ZeroLagHub account. "
        + "Open this link within " + minutes + " minutes to choose a new one; it works once:</p>"
        + "<p><a href=\"" + escape(link) + "\">Choose a new password</a></p>"
        + "<p>If you did not ask, ignore this mail: your password stays as it is.</p>";
    MailMessage message = new MailMessage().setFrom(config.from()).setTo(to)
        .setSubject("Reset your ZeroLagHub password").setText(text).setHtml(html);
    return client.sendMail(message).mapEmpty();
  }

  Future<Void> close() {
    return client == null ? Future.succeededFuture() : client.close();
  }

  private static io.vertx.ext.mail.MailConfig clientConfig(MailConfig c) {
    io.vertx.ext.mail.MailConfig m = new io.vertx.ext.mail.MailConfig().setHostname(c.host()).setPort(c.port());
    switch (c.tls()) {
      case MailConfig.TLS_IMPLICIT:
        m.setSsl(true).setStarttls(StartTLSOptions.DISABLED);
        break;
      case MailConfig.TLS_STARTTLS:
        m.setStarttls(StartTLSOptions.REQUIRED);
        break;
      default:
        m.setStarttls(StartTLSOptions.DISABLED);
    }
    if (c.username().isEmpty()) {
      m.setLogin(LoginOption.DISABLED);
    } else {
      m.setLogin(LoginOption.REQUIRED).setUsername(c.username()).setPassword(c.password());
    }
    return m;
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
  }
}
