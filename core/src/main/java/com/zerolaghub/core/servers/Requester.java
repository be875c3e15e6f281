package com.zerolaghub.core.servers;

/** Who asks, from the authenticated principal. Admins may act on any server; others only on their own. */
public record Requester(String userId, boolean admin) {
  public static Requester customer(String userId) {
    return new Requester(userId, false);
  }
}
