package com.zerolaghub.verticles.operators;

import com.zerolaghub.core.infra.proxmox.ProxmoxPort;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** What the operator console asks of the servers capability (which starts before it): Proxmox, and a server's live status. */
public interface ServerProbes {
  ProxmoxPort proxmox();

  /** As {@code GET /api/servers/{id}/status} answers it; fails with 404 when the server does not exist. */
  Future<JsonObject> liveStatus(String serverId);
}
