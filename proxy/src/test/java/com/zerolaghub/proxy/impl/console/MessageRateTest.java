package com.zerolaghub.proxy.impl.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageRateTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void aBurstPassesThenTheRateHolds() {
    MessageRate rate = new MessageRate(50, 100, 0);
    for (int i = 0; i < 100; i++) {
      assertThat(rate.tryTake(0)).as("message " + i).isTrue();
    }
    assertThat(rate.tryTake(0)).isFalse();
    assertThat(rate.tryTake(SECOND / 50)).isTrue();
    assertThat(rate.tryTake(SECOND / 50)).isFalse();
  }

  @Test
  void typingAtFiftyPerSecondNeverRunsOut() {
    MessageRate rate = new MessageRate(50, 100, 0);
    for (int i = 0; i < 10_000; i++) {
      assertThat(rate.tryTake(i * (SECOND / 50))).isTrue();
    }
  }
}
