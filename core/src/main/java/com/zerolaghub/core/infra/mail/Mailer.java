package com.zerolaghub.core.infra.mail;

import io.vertx.core.Future;

/** The platform's outgoing mail (password resets, notifications). */
public interface Mailer {

  /** False when no mail server is configured: callers decide whether that is a failure or a warning. */
  boolean enabled();

  /** Hands {@code mail} to the server; fails with {@link IllegalStateException} when not {@link #enabled()}. */
  Future<Void> send(OutgoingMail mail);

  /** Closes the connections to the server. */
  Future<Void> close();
}
