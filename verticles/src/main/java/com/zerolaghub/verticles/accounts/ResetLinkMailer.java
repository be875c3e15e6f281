package com.zerolaghub.verticles.accounts;

import com.zerolaghub.core.infra.mail.Mailer;
import com.zerolaghub.core.infra.mail.OutgoingMail;
import io.vertx.core.Future;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mails password-reset links (plain text and HTML). The token travels in the link's
 * fragment ({@code #token=}), which browsers never send to a server, so it stays out of access
 * logs and Referer headers. The link is never logged.
 */
final class ResetLinkMailer {
  private static final Logger log = LoggerFactory.getLogger(ResetLinkMailer.class);

  private final Mailer mailer;
  private final String publicUrl;

  ResetLinkMailer(Mailer mailer, String publicUrl) {
    this.mailer = mailer;
    this.publicUrl = publicUrl;
  }

  static String link(String publicUrl, String token) {
    return publicUrl + "/reset-password#token=" + token;
  }

  Future<Void> send(String userId, String to, String displayName, String token, Duration validFor) {
    if (!mailer.enabled()) {
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
    return mailer.send(new OutgoingMail(to, "Reset your ZeroLagHub password", text, html, null));
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
  }
}
