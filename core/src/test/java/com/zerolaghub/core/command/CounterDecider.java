package com.zerolaghub.core.command;

import com.zerolaghub.events.DomainEvent;
import com.zerolaghub.events.EventType;
import java.util.List;

/** A bounded counter: the smallest decider that has a rule worth refusing. */
final class CounterDecider implements Decider<CounterDecider.Add, Integer, CounterDecider.Added> {
  record Add(int amount) {}

  @EventType(name = "test.counter-added")
  record Added(int amount) implements DomainEvent {}

  static final int LIMIT = 100;

  @Override
  public Integer initialState() {
    return 0;
  }

  @Override
  public List<Added> decide(Add command, Integer total) {
    if (command.amount() <= 0) throw new Rejection(Rejection.Kind.INVALID, "amount-not-positive", "amount must be positive");
    if (total + command.amount() > LIMIT) {
      throw new Rejection(Rejection.Kind.LIMIT_EXCEEDED, "counter-limit", "the counter stops at " + LIMIT);
    }
    return List.of(new Added(command.amount()));
  }

  @Override
  public Integer evolve(Integer total, Added event) {
    return total + event.amount();
  }
}
