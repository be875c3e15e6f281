package com.zerolaghub.verticles.operators;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

/** A row of the {@code servers} read model as the operators' lists show it. */
final class ServerRows {
  private ServerRows() {}

  static JsonObject summary(Row r) {
    JsonObject s = new JsonObject().put("serverId", r.getString("server_id")).put("kind", r.getString("kind"))
        .put("name", r.getString("name")).put("plan", r.getString("plan")).put("vmid", r.getInteger("vmid"))
        .put("lifecycle", r.getString("lifecycle")).put("hostState", r.getString("host_state"))
        .put("createdAt", r.getOffsetDateTime("created_at").toInstant().toString());
    if (r.getString("operation_type") != null) {
      s.put("operation", new JsonObject().put("type", r.getString("operation_type")).put("status", r.getString("operation_status")));
    }
    return s;
  }
}
