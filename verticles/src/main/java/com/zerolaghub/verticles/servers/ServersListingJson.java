package com.zerolaghub.verticles.servers;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.zerolaghub.core.servers.ConnectAddress;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The servers listing ({@code {"servers":[…]}}) written straight from the rows to JSON bytes:
 * an operator's portal asks for it many times a second, and building a map per row to encode it
 * afterwards cost more than the query. Columns are looked up by name once per answer, not per cell.
 */
final class ServersListingJson {
  private static final JsonFactory JSON = new JsonFactory();

  private ServersListingJson() {}

  static Buffer encode(RowSet<Row> rows, String gameDomain) {
    Columns c = new Columns(rows.columnsNames());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + rows.size() * 400);
    try (JsonGenerator g = JSON.createGenerator(bytes)) {
      g.writeStartObject();
      g.writeArrayFieldStart("servers");
      for (Row r : rows) write(g, r, c, gameDomain);
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Buffer.buffer(bytes.toByteArray());
  }

  /** One row, with the keys, order and nulls the listing always had. */
  private static void write(JsonGenerator g, Row r, Columns c, String gameDomain) throws IOException {
    boolean game = "game".equals(r.getString(c.kind));
    g.writeStartObject();
    string(g, "serverId", r.getString(c.serverId));
    string(g, "ownerId", r.getString(c.ownerId));
    g.writeStringField("kind", game ? "game" : "dev");
    string(g, "name", r.getString(c.name));
    if (game) {
      string(g, "variant", r.getString(c.variant));
      string(g, "plan", r.getString(c.plan));
    } else {
      string(g, "runtime", r.getString(c.runtime));
      string(g, "version", r.getString(c.version));
      Boolean codeServer = r.getBoolean(c.codeServer);
      g.writeFieldName("codeServer");
      if (codeServer == null) g.writeNull(); else g.writeBoolean(codeServer);
    }
    number(g, "memoryMib", r.getInteger(c.memoryMib));
    number(g, "cores", r.getInteger(c.cores));
    String lifecycle = r.getString(c.lifecycle);
    string(g, "lifecycle", lifecycle);
    string(g, "hostState", r.getString(c.hostState));
    g.writeStringField("createdAt", r.getOffsetDateTime(c.createdAt).toInstant().toString());
    Integer vmid = r.getInteger(c.vmid);
    if (vmid != null) g.writeNumberField("vmid", vmid);
    if (game && vmid != null && "running".equals(lifecycle)) {
      string(g, "connectAddress", ConnectAddress.of(r.getString(c.name), vmid, gameDomain));
    }
    String opId = r.getString(c.operationId);
    if (opId != null) {
      g.writeObjectFieldStart("operation");
      g.writeStringField("operationId", opId);
      string(g, "type", r.getString(c.operationType));
      string(g, "status", r.getString(c.operationStatus));
      String phase = r.getString(c.operationPhase);
      if (phase != null) g.writeStringField("phase", phase);
      String reason = r.getString(c.operationReason);
      if (reason != null) g.writeStringField("reason", reason);
      g.writeEndObject();
    }
    OffsetDateTime updated = r.getOffsetDateTime(c.updatedAt);
    if (updated != null) g.writeStringField("updatedAt", updated.toInstant().toString());
    g.writeEndObject();
  }

  private static void string(JsonGenerator g, String field, String value) throws IOException {
    g.writeFieldName(field);
    if (value == null) g.writeNull(); else g.writeString(value);
  }

  private static void number(JsonGenerator g, String field, Integer value) throws IOException {
    g.writeFieldName(field);
    if (value == null) g.writeNull(); else g.writeNumber(value);
  }

  /** The listing's column positions in one result. */
  private static final class Columns {
    final int serverId, ownerId, kind, name, variant, plan, runtime, version, codeServer, memoryMib, cores,
        lifecycle, hostState, createdAt, vmid, operationId, operationType, operationStatus, operationPhase,
        operationReason, updatedAt;

    Columns(List<String> names) {
      serverId = at(names, "server_id");
      ownerId = at(names, "owner_id");
      kind = at(names, "kind");
      name = at(names, "name");
      variant = at(names, "variant");
      plan = at(names, "plan");
      runtime = at(names, "runtime");
      version = at(names, "version");
      codeServer = at(names, "code_server");
      memoryMib = at(names, "memory_mib");
      cores = at(names, "cores");
      lifecycle = at(names, "lifecycle");
      hostState = at(names, "host_state");
      createdAt = at(names, "created_at");
      vmid = at(names, "vmid");
      operationId = at(names, "operation_id");
      operationType = at(names, "operation_type");
      operationStatus = at(names, "operation_status");
      operationPhase = at(names, "operation_phase");
      operationReason = at(names, "operation_reason");
      updatedAt = at(names, "updated_at");
    }

    private static int at(List<String> names, String column) {
      int i = names.indexOf(column);
      if (i < 0) throw new IllegalStateException("the servers table has no column " + column);
      return i;
    }
  }
}
