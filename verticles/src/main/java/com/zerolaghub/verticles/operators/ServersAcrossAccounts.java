package com.zerolaghub.verticles.operators;

import com.zerolaghub.core.infra.proxmox.InventoryEntry;
import com.zerolaghub.core.infra.proxmox.ProxmoxPort;
import com.zerolaghub.verticles.http.ProblemException;
import com.zerolaghub.verticles.http.ProblemType;
import com.zerolaghub.verticles.http.ValidatedRequests;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /api/admin/servers}: every account's servers from the {@code servers} read model,
 * filtered by state (lifecycle), kind and owner, oldest first. The log does not say which Proxmox
 * node holds a container (Proxmox may migrate it), so {@code node} is answered from the cluster's
 * inventory, asked once per request, and each server carries the node it is on now.
 */
final class ServersAcrossAccounts {
  private static final String SELECT = "SELECT * FROM servers WHERE ($1::text IS NULL OR lifecycle = $1) "
      + "AND ($2::text IS NULL OR kind = $2) AND ($3::text IS NULL OR owner_id = $3) ORDER BY created_at, server_id LIMIT $4";

  private final Pool pool;
  private final Supplier<ProxmoxPort> proxmox;

  ServersAcrossAccounts(Pool pool, Supplier<ProxmoxPort> proxmox) {
    this.pool = pool;
    this.proxmox = proxmox;
  }

  void list(RoutingContext ctx) {
    String state = text(ctx, "state");
    String kind = text(ctx, "kind");
    String owner = text(ctx, "owner");
    String node = text(ctx, "node");
    RequestParameter limitParam = ValidatedRequests.query(ctx, "limit");
    int limit = limitParam == null || limitParam.isNull() ? 500 : limitParam.getInteger();
    Future<Map<Integer, String>> nodes = inventory(node != null);
    nodes.compose(byVmid -> pool.preparedQuery(SELECT).execute(Tuple.of(state, kind, owner, node == null ? limit : 100_000))
        .map(rows -> {
          JsonArray servers = new JsonArray();
          for (Row r : rows) {
            Integer vmid = r.getInteger("vmid");
            String on = vmid == null ? null : byVmid.get(vmid);
            if (node != null && !node.equals(on)) continue;
            if (servers.size() >= limit) break;
            servers.add(ServerRows.summary(r).put("ownerId", r.getString("owner_id")).put("node", on));
          }
          return new JsonObject().put("servers", servers);
        })).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  /** vmid → Proxmox node; without a node filter a failed inventory only leaves {@code node} out. */
  private Future<Map<Integer, String>> inventory(boolean needed) {
    return proxmox.get().inventory().map(ServersAcrossAccounts::byVmid).recover(err -> needed
        ? Future.failedFuture(new ProblemException(ProblemType.UNAVAILABLE, "the Proxmox inventory did not answer: " + err.getMessage()))
        : Future.succeededFuture(Map.of()));
  }

  private static Map<Integer, String> byVmid(List<InventoryEntry> entries) {
    Map<Integer, String> m = new HashMap<>();
    for (InventoryEntry e : entries) if (!e.template()) m.put(e.vmid(), e.node());
    return m;
  }

  private static String text(RoutingContext ctx, String name) {
    RequestParameter p = ValidatedRequests.query(ctx, name);
    return p == null || p.isNull() ? null : p.getString();
  }
}
