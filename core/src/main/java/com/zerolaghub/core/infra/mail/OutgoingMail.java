package com.zerolaghub.core.infra.mail;

import java.util.Objects;

/**
 * One mail to send, in plain text and HTML.
 *
 * @param messageId the Message-ID header, or null to let the client make one (notifications set it
 *     from their source event, so a resend is recognisable as the same mail)
 */
public record OutgoingMail(String to, String subject, String text, String html, String messageId) {
  public OutgoingMail {
    Objects.requireNonNull(to, "to");
  }
}
