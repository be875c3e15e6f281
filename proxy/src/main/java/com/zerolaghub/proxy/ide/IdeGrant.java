package com.zerolaghub.proxy.ide;

import com.zerolaghub.proxy.routing.DevRoute;
import java.util.Objects;

/**
 * Who may use which server's IDE: what a one-time token and an IDE cookie stand for. Bound to the
 * server id as well as the vmid, because vmids are reused after a delete.
 *
 * @param admin the holder was an admin when the grant was made (admins may open any IDE)
 * @param sessionId the platform session it was granted on: the grant ends with that session
 */
public record IdeGrant(String serverId, int vmid, String userId, boolean admin, String sessionId) {

  public IdeGrant {
    Objects.requireNonNull(serverId, "serverId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(sessionId, "sessionId");
  }

  /** Whether this grant still opens {@code route}: same server, and its owner (or an admin). */
  public boolean admits(DevRoute route) {
    return serverId.equals(route.serverId()) && vmid == route.vmid() && (admin || userId.equals(route.ownerId()));
  }
}
