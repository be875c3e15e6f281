package com.zerolaghub.proxy.impl.console;

/**
 * A token bucket over client messages: {@code perSecond} on average, {@code burst} at once.
 * Plain state, one connection's, used on its event loop.
 */
final class MessageRate {
  private final double perNano;
  private final double burst;
  private double tokens;
  private long lastNanos;

  MessageRate(int perSecond, int burst, long nowNanos) {
    this.perNano = perSecond / 1_000_000_000.0;
    this.burst = burst;
    this.tokens = burst;
    this.lastNanos = nowNanos;
  }

  /** Takes one message's token; false when the client is over its rate. */
  boolean tryTake(long nowNanos) {
    tokens = Math.min(burst, tokens + (nowNanos - lastNanos) * perNano);
    lastNanos = nowNanos;
    if (tokens < 1) {
      return false;
    }
    tokens -= 1;
    return true;
  }
}
