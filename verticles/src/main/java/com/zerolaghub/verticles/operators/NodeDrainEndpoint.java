package com.zerolaghub.verticles.operators;

import com.zerolaghub.verticles.http.Authentication;
import com.zerolaghub.verticles.node.NodeDrain;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/admin/node/drain}: the node that answers drains and then stops, as on SIGTERM
 * (for an operator without a shell on the node). The drain begins before the answer is sent,
 * so a readiness probe right after it already sees 503.
 */
final class NodeDrainEndpoint {
  private static final Logger log = LoggerFactory.getLogger(NodeDrainEndpoint.class);

  private final NodeDrain drain;
  private final String node;

  NodeDrainEndpoint(NodeDrain drain, String node) {
    this.drain = drain;
    this.node = node;
  }

  void drain(RoutingContext ctx) {
    boolean already = drain.draining();
    if (!already) {
      log.atWarn().setMessage("drain requested over the API; the node stops after the grace")
          .addKeyValue("by", Authentication.principal(ctx).userId()).log();
    }
    drain.drainAndStop();
    Instant since = drain.since().orElseGet(Instant::now);
    ctx.response().setStatusCode(202);
    ctx.json(new JsonObject().put("node", node).put("drainingSince", since.toString())
        .put("graceMs", drain.grace().toMillis()).put("alreadyDraining", already));
  }
}
