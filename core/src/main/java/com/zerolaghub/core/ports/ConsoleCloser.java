package com.zerolaghub.core.ports;

import io.vertx.core.Future;

/** Closes a server's live console WebSockets; implemented by the console capability. */
public interface ConsoleCloser {
  /** Close code for "closed because of the billing state". */
  int BILLING_SUSPENDED = 4409;

  Future<Void> closeConsoles(String serverId, int code, String reason);
}
