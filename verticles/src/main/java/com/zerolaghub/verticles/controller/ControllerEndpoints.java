package com.zerolaghub.verticles.controller;

import com.zerolaghub.core.controller.Posture;
import com.zerolaghub.projections.MemoryView;
import com.zerolaghub.projections.controller.DriftBoard;
import com.zerolaghub.verticles.config.ControllerConfig;
import com.zerolaghub.verticles.http.ApiRoutes;
import com.zerolaghub.verticles.http.Authentication;
import com.zerolaghub.verticles.http.RequestIds;
import com.zerolaghub.verticles.http.ValidatedRequests;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The operators' view of the controller: {@code GET /api/admin/controller} (leader, last pass,
 * posture, counts), {@code /api/admin/drift} (open and recently cleared findings) and
 * {@code /api/admin/repairs}. Findings and repairs come from the log's board on this node; the
 * leader and last pass from Redis, so any API node can answer.
 */
final class ControllerEndpoints {
  private final Redis redis;
  private final MemoryView<DriftBoard> board;
  private final Posture level1;
  private final ControllerConfig config;
  private volatile Controller local;

  ControllerEndpoints(Redis redis, MemoryView<DriftBoard> board, Posture level1, ControllerConfig config) {
    this.redis = redis;
    this.board = board;
    this.level1 = level1;
    this.config = config;
  }

  /** Binds the operators' controller operations (admins only). */
  void bind(ApiRoutes api, Authentication auth, RepairsByHand byHand) {
    api.operation("controllerStatus", auth.admin(), this::status);
    api.operation("listDrift", auth.admin(), this::drift);
    api.operation("listRepairs", auth.admin(), this::repairs);
    api.operation("runRepair", auth.admin(), rc -> byHand.run(ValidatedRequests.pathParam(rc, "repairId"),
            Authentication.principal(rc).userId(), ValidatedRequests.body(rc).getString("reason").strip(), RequestIds.of(rc))
        .onSuccess(rc::json).onFailure(rc::fail));
  }

  void local(Controller controller) {
    this.local = controller;
  }

  void status(RoutingContext rc) {
    Future<Response> leader = redis.send(Request.cmd(Command.GET).arg(DriftPass.FENCE));
    Future<Response> last = redis.send(Request.cmd(Command.GET).arg(Controller.LAST_PASS_KEY));
    Future.join(leader, last).onComplete(ar -> {
      DriftBoard b = board.current();
      JsonObject body = new JsonObject()
          .put("leader", leader.succeeded() && leader.result() != null ? leader.result().toString() : null)
          .put("lastPass", last.succeeded() && last.result() != null ? new JsonObject(last.result().toString()) : null)
          .put("posture", new JsonObject().put("level1", level1.wireName()).put("level2", Posture.PLANNED_ONLY.wireName())
              .put("level3", Posture.PLANNED_ONLY.wireName()))
          .put("leaseTtlMs", config.leaseTtlMs()).put("passIntervalMs", config.passIntervalMs())
          .put("openFindings", b.openKeys().size()).put("pendingRepairs", b.pending().size());
      Controller c = local;
      if (c != null) body.put("thisNode", new JsonObject().put("candidate", c.owner()).put("leader", c.leader())
          .put("fencedOutPasses", c.fencedOutPasses()));
      rc.json(body);
    });
  }

  void drift(RoutingContext rc) {
    DriftBoard b = board.current();
    JsonArray open = new JsonArray();
    b.openFindings().stream().sorted(Comparator.comparing(DriftBoard.OpenFinding::foundAt).reversed()).forEach(f -> open.add(
        new JsonObject().put("key", f.key()).put("findingId", f.findingId()).put("serverId", f.serverId()).put("kind", f.kind())
            .put("evidence", new JsonObject(new LinkedHashMap<String, Object>(f.evidence())))
            .put("foundAt", f.foundAt().toString())));
    JsonArray cleared = new JsonArray();
    b.recentlyCleared().stream().limit(100).forEach(f -> cleared.add(new JsonObject().put("key", f.key())
        .put("findingId", f.findingId()).put("serverId", f.serverId()).put("kind", f.kind())
        .put("foundAt", f.foundAt() == null ? null : f.foundAt().toString()).put("clearedAt", f.clearedAt().toString())));
    rc.json(new JsonObject().put("open", open).put("recentlyCleared", cleared));
  }

  void repairs(RoutingContext rc) {
    String status = rc.queryParams().get("status");
    List<DriftBoard.Repair> all = board.current().repairs().stream()
        .filter(r -> status == null || status.equals(r.status()))
        .sorted(Comparator.comparing(DriftBoard.Repair::plannedAt).reversed()).limit(500).toList();
    JsonArray items = new JsonArray();
    for (DriftBoard.Repair r : all) {
      items.add(new JsonObject().put("repairId", r.repairId()).put("findingId", r.findingId()).put("serverId", r.serverId())
          .put("action", r.action()).put("level", r.level()).put("posture", r.posture()).put("status", r.status())
          .put("detail", r.detail()).put("plannedAt", r.plannedAt().toString()).put("updatedAt", r.updatedAt().toString()));
    }
    rc.json(new JsonObject().put("repairs", items));
  }
}
