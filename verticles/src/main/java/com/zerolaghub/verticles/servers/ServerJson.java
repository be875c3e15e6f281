package com.zerolaghub.verticles.servers;

import com.zerolaghub.core.servers.ConnectAddress;
import com.zerolaghub.core.servers.OperationView;
import com.zerolaghub.core.servers.ServerState;
import com.zerolaghub.events.servers.ContainerKind;
import com.zerolaghub.events.servers.ServerSpec;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;

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

  /** The servers listing of {@code rows} as JSON bytes. */
  Buffer listing(RowSet<Row> rows) {
    return ServersListingJson.encode(rows, gameDomain);
  }

  private String connectAddress(ContainerKind kind, String name, Integer vmid) {
    return kind == ContainerKind.GAME ? ConnectAddress.of(name, vmid, gameDomain) : null;
  }
}
