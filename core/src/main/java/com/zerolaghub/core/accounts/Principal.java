package com.zerolaghub.core.accounts;

import com.zerolaghub.events.accounts.Role;

/** The authenticated caller. The customer id of every request comes from here, never from a body. */
public record Principal(String userId, Role role, String sessionId) {
  public boolean isAdmin() {
    return role == Role.ADMIN;
  }

  /** Owner-or-admin: a customer sees only their own resources. */
  public boolean mayAccess(String ownerId) {
    return isAdmin() || userId.equals(ownerId);
  }
}
