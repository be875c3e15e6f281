package com.zerolaghub.core.infra.discord;

import io.vertx.core.Future;

/** Posts an operator alert to a Discord channel. */
public interface DiscordPort {
  /**
   * Fails with {@link DiscordRateLimitedException} (retry after its delay), or
   * {@link DiscordRejectedException} (permanent: do not retry), or another exception (transient).
   */
  Future<Void> post(DiscordMessage message);
}
