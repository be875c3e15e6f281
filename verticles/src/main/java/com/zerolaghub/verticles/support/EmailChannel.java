package com.zerolaghub.verticles.support;

import com.zerolaghub.core.infra.mail.Mailer;
import com.zerolaghub.core.infra.mail.OutgoingMail;
import com.zerolaghub.core.support.Notification;
import io.vertx.core.Future;

/**
 * Notification mail. The Message-ID is derived from the source event and channel, so the one
 * resend a crash between send and record can cause is recognisable as the same mail.
 */
final class EmailChannel {
  private final Mailer mailer;

  EmailChannel(Mailer mailer) {
    this.mailer = mailer;
  }

  static String messageId(String sourceEventId) {
    return "<" + sourceEventId + ".email@notifications.zerolaghub>";
  }

  Future<Void> send(String sourceEventId, Notification n) {
    if (!mailer.enabled()) return Future.failedFuture(new NotificationSender.PermanentFailure("mail.host is empty"));
    return mailer.send(new OutgoingMail(n.recipient(), n.subject(), n.text(), n.html(), messageId(sourceEventId)));
  }
}
