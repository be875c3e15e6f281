package com.zerolaghub.verticles.accounts;

import com.zerolaghub.events.EventMetadata;

/**
 * Who sent a request, as far as events record it: its request id (the correlation id of what
 * it causes), client address and a short client description for the session list.
 */
record Caller(String requestId, String ip, String client) {
  static final int CLIENT_MAX = 120;

  Caller {
    client = client == null || client.isBlank() ? "unknown" : client.strip();
    if (client.length() > CLIENT_MAX) client = client.substring(0, CLIENT_MAX);
  }

  EventMetadata metadata(String actor) {
    return new EventMetadata(actor, requestId, null, null, ip, null);
  }

  static String user(String userId) {
    return "user:" + userId;
  }
}
