package com.zerolaghub.verticles.support;

import com.zerolaghub.core.support.Notification;
import com.zerolaghub.verticles.config.MailConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailMessage;

/**
 * Notification mail over SMTP. The Message-ID is derived from the source event and channel, so
 * the one resend a crash between send and record can cause is recognisable as the same mail.
 */
final class EmailChannel {
  private final MailConfig config;
  private final MailClient client;

  EmailChannel(Vertx vertx, MailConfig config) {
    this.config = config;
    this.client = config.enabled() ? MailClient.create(vertx, config.clientOptions()) : null;
  }

  static String messageId(String sourceEventId) {
    return "<" + sourceEventId + ".email@notifications.zerolaghub>";
  }

  Future<Void> send(String sourceEventId, Notification n) {
    if (client == null) return Future.failedFuture(new NotificationSender.PermanentFailure("mail.host is empty"));
    MailMessage message = new MailMessage().setFrom(config.from()).setTo(n.recipient()).setSubject(n.subject())
        .setText(n.text()).setHtml(n.html());
    message.addHeader("Message-ID", messageId(sourceEventId));
    return client.sendMail(message).mapEmpty();
  }

  Future<Void> close() {
    return client == null ? Future.succeededFuture() : client.close();
  }

}
