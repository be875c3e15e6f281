package com.zerolaghub.events;

import io.vertx.core.Future;

/**
 * Fencing tokens that only grow. A singleton's new holder calls {@link #advance} after winning
 * its lease and stamps what it appends with {@link EventMetadata#fencedBy}; from then on the
 * store refuses appends carrying any older token of that fence ({@link FencedOutException}).
 */
public interface Fences {

  /** Takes the next token of {@code fence}; every earlier token is refused from now on. */
  Future<Long> advance(String fence);

  /** The current token of {@code fence}, or 0 if nobody took one yet. */
  Future<Long> current(String fence);
}
