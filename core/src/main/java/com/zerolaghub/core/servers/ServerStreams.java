package com.zerolaghub.core.servers;

import com.zerolaghub.events.StreamId;

/** Names of the streams this capability writes. */
public final class ServerStreams {
  public static final String SERVER = "server";
  public static final String OWNER_SERVERS = "owner-servers";
  public static final String IDEMPOTENCY = "idempotency";
  public static final String VMID = "vmid";

  private ServerStreams() {}

  /** {@code server/<serverId>}: the server's whole life. */
  public static StreamId server(String serverId) {
    return StreamId.of(SERVER, serverId);
  }

  /** {@code owner-servers/<ownerId>}: slot taken/released events; its version serializes creates per owner. */
  public static StreamId ownerServers(String ownerId) {
    return StreamId.of(OWNER_SERVERS, ownerId);
  }

  /** {@code idempotency/<ownerId>/<key>}: claimed once, with "no stream" expected. */
  public static StreamId idempotency(String ownerId, String key) {
    return StreamId.of(IDEMPOTENCY, ownerId + "/" + key);
  }

  /** {@code vmid/<n>}: who holds Proxmox id n. */
  public static StreamId vmid(int vmid) {
    return StreamId.of(VMID, Integer.toString(vmid));
  }
}
