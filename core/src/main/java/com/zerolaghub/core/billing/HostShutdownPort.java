package com.zerolaghub.core.billing;

import io.vertx.core.Future;
import java.util.List;

/**
 * How suspension stops an account's game hosts; implemented by the lifecycle capability. It
 * offers no delete on purpose: billing may stop a host, never remove a server, backup, DNS
 * record or Velocity registration. A stopped host stays stopped after payment.
 */
public interface HostShutdownPort {
  /** Ids of the account's game servers whose hosts are running now. */
  Future<List<String>> runningGameHosts(String accountId);

  /** Stops the host (a graceful game stop, then the container); idempotent. */
  Future<Void> shutDown(String serverId, String cause);
}
