package com.zerolaghub.core.infra.discord;

/** Discord refused the message for good (4xx other than 429: bad webhook, bad payload). */
public final class DiscordRejectedException extends RuntimeException {
  public DiscordRejectedException(int status) {
    super("discord refused the message with HTTP " + status, null, false, false);
  }
}
