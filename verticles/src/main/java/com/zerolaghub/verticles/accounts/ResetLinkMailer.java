package com.zerolaghub.verticles.accounts;

import com.zerolaghub.verticles.config.MailConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailMessage;
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
    this.client = config.enabled() ? MailClient.create(vertx, config.clientOptions()) : null;
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


  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
  }
}
