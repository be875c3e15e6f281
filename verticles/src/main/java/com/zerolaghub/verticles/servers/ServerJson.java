package com.zerolaghub.verticles.servers;

import com.zerolaghub.core.instances.ConnectAddress;
import com.zerolaghub.core.instances.OperationView;
import com.zerolaghub.core.instances.ServerState;
import com.zerolaghub.events.servers.ContainerKind;
import com.zerolaghub.events.servers.ServerSpec;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;

/**
 * Servers and operations as the API answers them. Never the agent token (nor its hash) or the
 * container's private address: players connect through {@code connectAddress}.
 */
final class ServerJson {
  private final String gameDomain;

  ServerJson(String gameDomain) {
    this.gameDomain = gameDomain;
  }

  static JsonObject operation(OperationView op) {
    JsonObject json = new JsonObject()
        .put("operationId", op.operationId())
        .put("serverId", op.serverId())
        .put("type", op.type().wireName())
        .put("status", op.status().wireName())
        .put("needsHuman", op.needsHuman())
        .put("requestedAt", op.requestedAt().toString())
        .put("updatedAt", op.updatedAt().toString());
    if (op.phase() != null) json.put("phase", op.phase());
    if (op.reason() != null) json.put("reason", op.reason());
    return json;
  }

  /** The server as its stream folds it: the source of truth. */
  JsonObject server(ServerState s) {
    JsonObject json = new JsonObject()
        .put("serverId", s.serverId())
        .put("ownerId", s.ownerId())
        .put("kind", s.kind().wireName())
        .put("name", s.spec().name());
    if (s.spec() instanceof ServerSpec.Game g) {
      json.put("variant", g.variant()).put("plan", g.plan());
    } else if (s.spec() instanceof ServerSpec.Dev d) {
      json.put("runtime", d.runtime()).put("version", d.version()).put("codeServer", d.codeServer());
    }
    json.put("memoryMib", s.resources().memoryMib()).put("cores", s.resources().cores())
        .put("lifecycle", s.lifecycle().wireName())
        .put("hostState", s.hostState().wireName())
        .put("createdAt", s.createdAt().toString());
    if (s.vmid() != null) json.put("vmid", s.vmid());
    String connect = connectAddress(s.kind(), s.spec().name(), s.vmid());
    if (connect != null && s.dnsRecordId() != null) json.put("connectAddress", connect);
    if (s.operation() != null) json.put("operation", operation(s.operation()));
    return json;
  }

  /** A row of the servers listing. */
  JsonObject listed(Row r) {
    ContainerKind kind = "game".equals(r.getString("kind")) ? ContainerKind.GAME : ContainerKind.DEV;
    JsonObject json = new JsonObject()
        .put("serverId", r.getString("server_id"))
        .put("ownerId", r.getString("owner_id"))
        .put("kind", kind.wireName())
        .put("name", r.getString("name"));
    if (kind == ContainerKind.GAME) {
      json.put("variant", r.getString("variant")).put("plan", r.getString("plan"));
    } else {
      json.put("runtime", r.getString("runtime")).put("version", r.getString("version")).put("codeServer", r.getBoolean("code_server"));
    }
    Integer vmid = r.getInteger("vmid");
    json.put("memoryMib", r.getInteger("memory_mib")).put("cores", r.getInteger("cores"))
        .put("lifecycle", r.getString("lifecycle")).put("hostState", r.getString("host_state"))
        .put("createdAt", r.getOffsetDateTime("created_at").toInstant().toString());
    if (vmid != null) json.put("vmid", vmid);
    if (kind == ContainerKind.GAME && vmid != null && "running".equals(r.getString("lifecycle"))) {
      json.put("connectAddress", connectAddress(kind, r.getString("name"), vmid));
    }
    String opId = r.getString("operation_id");
    if (opId != null) {
      JsonObject op = new JsonObject().put("operationId", opId).put("type", r.getString("operation_type"))
          .put("status", r.getString("operation_status"));
      if (r.getString("operation_phase") != null) op.put("phase", r.getString("operation_phase"));
      if (r.getString("operation_reason") != null) op.put("reason", r.getString("operation_reason"));
      json.put("operation", op);
    }
    OffsetDateTime updated = r.getOffsetDateTime("updated_at");
    if (updated != null) json.put("updatedAt", updated.toInstant().toString());
    return json;
  }

  private String connectAddress(ContainerKind kind, String name, Integer vmid) {
    return kind == ContainerKind.GAME ? ConnectAddress.of(name, vmid, gameDomain) : null;
  }
}
