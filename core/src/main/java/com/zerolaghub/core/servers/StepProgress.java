package com.zerolaghub.core.servers;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which steps of a saga were started (intent recorded), are still open (intent without
 * outcome), and were completed. Attempts count recorded intents, so crash loops stay bounded.
 */
public record StepProgress<P extends Enum<P>>(Map<P, Integer> attempts, Set<P> open, Set<P> completed) {
  public StepProgress {
    attempts = Map.copyOf(attempts);
    open = Set.copyOf(open);
    completed = Set.copyOf(completed);
  }

  public static <P extends Enum<P>> StepProgress<P> empty() {
    return new StepProgress<P>(Map.<P, Integer>of(), Set.<P>of(), Set.<P>of());
  }

  public boolean isOpen(P step) {
    return open.contains(step);
  }

  public boolean isCompleted(P step) {
    return completed.contains(step);
  }

  public int attempts(P step) {
    return attempts.getOrDefault(step, 0);
  }

  /** True once an intent was recorded or the step completed: its effect may exist outside. */
  public boolean touched(P step) {
    return attempts(step) > 0 || completed.contains(step);
  }

  StepProgress<P> started(P step) {
    Map<P, Integer> a = new HashMap<>(attempts);
    a.merge(step, 1, Integer::sum);
    Set<P> o = new HashSet<>(open);
    o.add(step);
    return new StepProgress<>(a, o, completed);
  }

  StepProgress<P> finished(P step) {
    Set<P> o = new HashSet<>(open);
    o.remove(step);
    Set<P> c = new HashSet<>(completed);
    c.add(step);
    return new StepProgress<>(attempts, o, c);
  }

  /** The intent was checked and its effect is absent: the step may run again. */
  StepProgress<P> foundAbsent(P step) {
    Set<P> o = new HashSet<>(open);
    o.remove(step);
    return new StepProgress<>(attempts, o, completed);
  }
}
