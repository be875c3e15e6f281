package com.zerolaghub.verticles.support;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;

/** Reading what GreenMail received. */
final class Mails {
  private Mails() {}

  static List<MimeMessage> all(GreenMail mail) {
    return List.of(mail.getReceivedMessages());
  }

  static List<String> messageIds(GreenMail mail) {
    List<String> ids = new ArrayList<>();
    try {
      for (MimeMessage m : mail.getReceivedMessages()) ids.add(m.getMessageID());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return ids;
  }

  /** The part of the given content type (text/plain or text/html), decoded. */
  static String part(MimeMessage m, String type) throws Exception {
    Object content = m.getContent();
    if (content instanceof String s) return m.isMimeType(type) ? s : null;
    return find((Multipart) content, type);
  }

  private static String find(Multipart mp, String type) throws Exception {
    for (int i = 0; i < mp.getCount(); i++) {
      BodyPart p = mp.getBodyPart(i);
      if (p.isMimeType(type)) return (String) p.getContent();
      if (p.getContent() instanceof Multipart inner) {
        String found = find(inner, type);
        if (found != null) return found;
      }
    }
    return null;
  }
}
