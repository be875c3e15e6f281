package com.zerolaghub.core.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Deciders are plain functions: tested without Vert.x or a database. */
class DeciderTest {
  private final CounterDecider decider = new CounterDecider();

  @Test
  void foldsHistoryIntoState() {
    assertThat(decider.fold(List.of(new CounterDecider.Added(3), new CounterDecider.Added(4)))).isEqualTo(7);
  }

  @Test
  void refusesWhatWouldBreakTheRuleAndNamesIt() {
    assertThatThrownBy(() -> decider.decide(new CounterDecider.Add(5), 98))
        .isInstanceOfSatisfying(Rejection.class, r -> {
          assertThat(r.kind()).isEqualTo(Rejection.Kind.LIMIT_EXCEEDED);
          assertThat(r.getMessage()).contains("100");
        });
  }
}
