package com.zerolaghub.core.ports;

import io.vertx.core.Future;
import java.util.List;

/**
 * How suspension stops an account's hosts, game and dev alike (one rule with the controller,
 * which reports any running host of a suspended account as drift; see docs/operations.md);
 * implemented by the lifecycle capability. It
 * offers no delete on purpose: billing may stop a host, never remove a server, backup, DNS
 * record or Velocity registration. A stopped host stays stopped after payment.
 */
public interface HostShutdownPort {
  /** Ids of the account's servers, of every kind, whose hosts are running now. */
  Future<List<String>> runningHosts(String accountId);

  /** Stops the host (a graceful game stop, then the container); idempotent. */
  Future<Void> shutDown(String serverId, String cause);
}
