package com.zerolaghub.projections.accounts;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * An immutable map split into shards, so that the next version of a memory view copies only
 * the shards a batch touched instead of the whole map (one login must not copy every session).
 */
public final class ShardedImmutableMap<V> {
  private static final int SHARDS = 64;
  @SuppressWarnings("rawtypes")
  private static final ShardedImmutableMap EMPTY = new ShardedImmutableMap<>(emptyShards(), 0);

  private final Map<String, V>[] shards;
  private final int size;

  private ShardedImmutableMap(Map<String, V>[] shards, int size) {
    this.shards = shards;
    this.size = size;
  }

  @SuppressWarnings("unchecked")
  static <V> ShardedImmutableMap<V> empty() {
    return EMPTY;
  }

  public V get(String key) {
    return shards[index(key)].get(key);
  }

  public int size() {
    return size;
  }

  private static int index(String key) {
    int h = key.hashCode();
    return (h ^ (h >>> 16)) & (SHARDS - 1);
  }

  @SuppressWarnings("unchecked")
  private static <V> Map<String, V>[] emptyShards() {
    Map<String, V>[] shards = new Map[SHARDS];
    Arrays.fill(shards, Map.of());
    return shards;
  }

  /** The mutable side, confined to one thread; {@link #build()} publishes a version. */
  static final class Builder<V> {
    @SuppressWarnings("unchecked")
    private final Map<String, V>[] shards = new Map[SHARDS];
    private final boolean[] dirty = new boolean[SHARDS];
    private ShardedImmutableMap<V> last = empty();
    private int size;

    Builder() {
      for (int i = 0; i < SHARDS; i++) shards[i] = new HashMap<>();
    }

    V get(String key) {
      return shards[index(key)].get(key);
    }

    void put(String key, V value) {
      int i = index(key);
      if (shards[i].put(key, value) == null) size++;
      dirty[i] = true;
    }

    void remove(String key) {
      int i = index(key);
      if (shards[i].remove(key) != null) {
        size--;
        dirty[i] = true;
      }
    }

    /** A version sharing every untouched shard with the previous one. */
    ShardedImmutableMap<V> build() {
      boolean changed = false;
      Map<String, V>[] next = Arrays.copyOf(last.shards, SHARDS);
      for (int i = 0; i < SHARDS; i++) {
        if (!dirty[i]) continue;
        next[i] = Map.copyOf(shards[i]);
        dirty[i] = false;
        changed = true;
      }
      if (changed) last = new ShardedImmutableMap<>(next, size);
      return last;
    }
  }
}
