package com.zerolaghub.proxy.routing;

import java.util.Objects;

/**
 * Where one dev server's IDE lives, as the route table knows it.
 *
 * @param serverId the server's id (what API paths carry)
 * @param vmid the container's id (what dev host names carry); reused after a delete, so
 *     grants are bound to {@code serverId} too
 * @param ownerId the customer who owns the server
 * @param address the container's private address
 * @param codeServer whether the server was created with code-server
 * @param running whether the host is up (its code-server may answer)
 */
public record DevRoute(String serverId, int vmid, String ownerId, String address, boolean codeServer, boolean running) {

  public DevRoute {
    Objects.requireNonNull(serverId, "serverId");
    Objects.requireNonNull(ownerId, "ownerId");
    Objects.requireNonNull(address, "address");
    if (vmid <= 0) {
      throw new IllegalArgumentException("vmid must be positive: " + vmid);
    }
  }

  public DevRoute withOwner(String ownerId) {
    return new DevRoute(serverId, vmid, ownerId, address, codeServer, running);
  }

  public DevRoute withRunning(boolean running) {
    return new DevRoute(serverId, vmid, ownerId, address, codeServer, running);
  }
}
