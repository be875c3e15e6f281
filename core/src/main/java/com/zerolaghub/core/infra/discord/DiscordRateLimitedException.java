package com.zerolaghub.core.infra.discord;

import java.time.Duration;

/** Discord answered 429 and asked to wait {@link #retryAfter()} (its {@code retry_after}, in seconds). */
public final class DiscordRateLimitedException extends RuntimeException {
  private final Duration retryAfter;

  public DiscordRateLimitedException(Duration retryAfter) {
    super("discord rate limited; retry after " + retryAfter.toMillis() + " ms", null, false, false);
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
