package com.zerolaghub.projections;

/**
 * A read model held in memory (route table, SD targets). Every node keeps its own copy,
 * rebuilt from position 0 at start and kept live; no lease, no stored token.
 *
 * <p>Threading: a {@link Model} is mutated only on the runtime's Vert.x context, one event at a
 * time. After each batch the runtime takes {@link Model#view()} and publishes it through a
 * volatile reference ({@link MemoryView#current()}), so readers on any thread see a whole
 * batch or none of it, never a model being changed under them. The view must therefore be
 * immutable (or a copy).
 *
 * @param <V> the immutable view readers get
 */
public interface MemoryProjection<V> {

  /** Stable name, {@code [a-z][a-z0-9_]*}. */
  String name();

  /** Whether this projection reads events of this stored type name; others are skipped undecoded. */
  boolean handles(String eventType);

  /** A fresh, empty model. Each build (start, rebuild) folds the whole log into a new one. */
  Model<V> newModel();

  /** Mutable state folded from events, confined to the runtime's context. */
  interface Model<V> {
    /** Applies one event. Throwing stops this projection (a half-applied model cannot be retried). */
    void apply(DecodedEvent event);

    /** An immutable snapshot for readers; called once per applied batch. */
    V view();
  }
}
