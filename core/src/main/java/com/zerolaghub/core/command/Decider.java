package com.zerolaghub.core.command;

import com.zerolaghub.events.DomainEvent;
import java.util.List;

/**
 * The pure heart of a capability: decides which events a command causes given the state
 * folded from the stream's past events. No I/O, no clock reads (time comes in the command).
 *
 * @param <C> command type
 * @param <S> state folded from events
 * @param <E> event type
 */
public interface Decider<C, S, E extends DomainEvent> {
  S initialState();

  /** The events the command causes; throws {@link Rejection} when it may not happen. */
  List<E> decide(C command, S state);

  S evolve(S state, E event);

  /** Folds a history from the initial state. */
  default S fold(Iterable<E> events) {
    S state = initialState();
    for (E e : events) state = evolve(state, e);
    return state;
  }
}
