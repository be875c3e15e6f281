package com.zerolaghub.verticles.operators;

import com.zerolaghub.verticles.monitoring.WorkQueueMetrics;
import com.zerolaghub.verticles.timeline.TimelineRows;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.util.Comparator;
import java.util.List;

/**
 * {@code GET /api/admin/overview}: the deployment at a glance for the console's first page:
 * the nodes of the roster, the holders of the singleton leases, this node's work queues and the
 * recent failures. Projection lag and the controller's counts have their own endpoints.
 */
final class OperatorsOverview {
  /** The singleton leases: [name in the answer, Redis key]. Their values are {@code <node>/<role>-<uuid>}. */
  private static final String[][] LEASES = {
      {"controller", "zlh:lease:controller"},
      {"operations", "zlh:lease:server-operations"},
      {"billing", "zlh:lease:billing_enforcement"},
  };
  /** Only the last 5,000 events are looked through (a primary-key range), so the page stays fast on any log. */
  private static final String FAILURES = "SELECT " + TimelineRows.COLUMNS + " FROM event_log "
      + "WHERE position > (SELECT coalesce(max(position), 0) - 5000 FROM event_log) AND event_type IN ("
      + "'server.provisioning-failed', 'server.host-action-failed', 'server.teardown-failed', 'repair.failed', "
      + "'server.agent-action-finished') AND coalesce(payload->>'succeeded', 'false') <> 'true' ORDER BY position DESC LIMIT 10";

  private final Pool pool;
  private final Redis redis;
  private final MeterRegistry meters;
  private final NodeRoster roster;

  OperatorsOverview(Pool pool, Redis redis, MeterRegistry meters, NodeRoster roster) {
    this.pool = pool;
    this.redis = redis;
    this.meters = meters;
    this.roster = roster;
  }

  void get(RoutingContext ctx) {
    Future<List<JsonObject>> nodes = roster.nodes();
    Future<Response> leases = redis.send(Request.cmd(Command.MGET).arg(LEASES[0][1]).arg(LEASES[1][1]).arg(LEASES[2][1]));
    Future<JsonArray> failures = pool.query(FAILURES).execute().map(rows -> {
      JsonArray out = new JsonArray();
      for (Row r : rows) out.add(TimelineRows.forOperators(r, null));
      return out;
    });
    Future.all(nodes, leases, failures).onSuccess(all -> {
      JsonObject leaders = new JsonObject();
      for (int i = 0; i < LEASES.length; i++) {
        Response v = leases.result() == null ? null : leases.result().get(i);
        leaders.put(LEASES[i][0], v == null ? null : v.toString());
      }
      ctx.json(new JsonObject().put("thisNode", roster.name()).put("nodes", new JsonArray(List.copyOf(nodes.result())))
          .put("leaders", leaders).put("queues", queues()).put("recentFailures", failures.result()));
    }).onFailure(ctx::fail);
  }

  /** Each work queue's depth and oldest age as this node's gauges read now (from memory). */
  private JsonArray queues() {
    JsonArray out = new JsonArray();
    meters.find(WorkQueueMetrics.DEPTH).gauges().stream().sorted(Comparator.comparing(g -> g.getId().getTag("queue")))
        .forEach(g -> {
          String queue = g.getId().getTag("queue");
          Gauge age = meters.find(WorkQueueMetrics.OLDEST_AGE).tag("queue", queue).gauge();
          out.add(new JsonObject().put("queue", queue).put("depth", g.value()).put("oldestAgeSeconds", age == null ? 0 : age.value()));
        });
    return out;
  }
}
