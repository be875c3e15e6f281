package com.zerolaghub.proxy.impl.ide;

import com.zerolaghub.proxy.ide.IdeGrant;
import io.vertx.core.json.JsonObject;

/** A grant as stored (sealed) in Redis: the storage form belongs to the store, not to the record. */
final class GrantJson {
  private GrantJson() {}

  static JsonObject of(IdeGrant grant) {
    return new JsonObject().put("serverId", grant.serverId()).put("vmid", grant.vmid()).put("userId", grant.userId())
        .put("admin", grant.admin()).put("sessionId", grant.sessionId());
  }

  static IdeGrant grant(JsonObject json) {
    return new IdeGrant(json.getString("serverId"), json.getInteger("vmid"), json.getString("userId"),
        json.getBoolean("admin", false), json.getString("sessionId"));
  }
}
