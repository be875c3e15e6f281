package com.zerolaghub.verticles.accounts;

import com.zerolaghub.core.accounts.Principal;
import com.zerolaghub.verticles.http.ProblemException;
import com.zerolaghub.verticles.http.ProblemType;

/**
 * The guard for customer resources (servers, tickets, notes): the owner and admins see one;
 * everyone else gets the same 404 as for a resource that does not exist, so ids leak nothing.
 */
public final class Ownership {
  private Ownership() {}

  /** @throws ProblemException 404 unless {@code principal} owns the resource or is an admin */
  public static void requireVisible(Principal principal, String ownerId) {
    if (principal == null || ownerId == null || !principal.mayAccess(ownerId)) {
      throw new ProblemException(ProblemType.NOT_FOUND, "no such resource");
    }
  }
}
