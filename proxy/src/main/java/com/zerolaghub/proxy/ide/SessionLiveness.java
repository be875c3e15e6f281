package com.zerolaghub.proxy.ide;

/**
 * Whether the platform session an IDE grant was made on is still signed in. Asked on every
 * cookie request, from memory: a logout or password reset ends the IDE at once on every node.
 */
@FunctionalInterface
public interface SessionLiveness {
  boolean isLive(String sessionId);
}
