package com.zerolaghub.verticles.controller;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code repair} work queue: a Redis Stream read by the {@value #GROUP} consumer group, so
 * any node with the workers role takes repairs and each goes to one consumer at a time. Only a
 * wake-up: the log says which repairs are pending, and the controller re-enqueues those that
 * waited too long (a flush, a consumer that died), so losing the stream loses no repair.
 */
final class RepairQueue {
  static final String KEY = "zlh:queue:repair";
  static final String GROUP = "repair";
  private static final Pattern ENTRY_ID = Pattern.compile("\\d+-\\d+");

  /** One delivered message: its stream entry id (for XACK) and the repair it names. */
  record Delivery(String entryId, String repairId) {}

  private final Redis redis;

  RepairQueue(Redis redis) {
    this.redis = redis;
  }

  Future<Void> enqueue(String repairId) {
    return redis.send(Request.cmd(Command.XADD).arg(KEY).arg("MAXLEN").arg("~").arg(100_000).arg("*")
        .arg("repairId").arg(repairId)).mapEmpty();
  }

  /** Creates the group (and the stream) unless it exists: after a start or a flush. */
  Future<Void> ensureGroup() {
    return redis.send(Request.cmd(Command.XGROUP).arg("CREATE").arg(KEY).arg(GROUP).arg("0").arg("MKSTREAM"))
        .<Void>mapEmpty()
        .recover(err -> String.valueOf(err.getMessage()).contains("BUSYGROUP") ? Future.succeededFuture() : Future.failedFuture(err));
  }

  /** New messages for {@code consumer}, recreating the group once if Redis lost it. */
  Future<List<Delivery>> take(String consumer, int count) {
    return read(consumer, count).recover(err -> String.valueOf(err.getMessage()).contains("NOGROUP")
        ? ensureGroup().compose(v -> read(consumer, count)) : Future.failedFuture(err));
  }

  /** Messages another consumer took and left unacknowledged for {@code idleMs}: it died. */
  Future<List<Delivery>> reclaim(String consumer, long idleMs, int count) {
    return redis.send(Request.cmd(Command.XAUTOCLAIM).arg(KEY).arg(GROUP).arg(consumer).arg(idleMs).arg("0-0")
            .arg("COUNT").arg(count))
        .map(r -> {
          List<Delivery> out = new ArrayList<>();
          if (r != null && r.size() > 1) collect(r.get(1), out);
          return out;
        })
        .recover(err -> String.valueOf(err.getMessage()).contains("NOGROUP")
            ? ensureGroup().map(v -> List.<Delivery>of()) : Future.failedFuture(err));
  }

  Future<Void> ack(String entryId) {
    return redis.send(Request.cmd(Command.XACK).arg(KEY).arg(GROUP).arg(entryId)).mapEmpty();
  }

  private Future<List<Delivery>> read(String consumer, int count) {
    return redis.send(Request.cmd(Command.XREADGROUP).arg("GROUP").arg(GROUP).arg(consumer).arg("COUNT").arg(count)
            .arg("STREAMS").arg(KEY).arg(">"))
        .map(r -> {
          List<Delivery> out = new ArrayList<>();
          collect(r, out);
          return out;
        });
  }

  /** Finds {@code [id, [field, value, …]]} entries in a reply, RESP2 arrays or RESP3 maps alike. */
  private static void collect(Response r, List<Delivery> out) {
    if (r == null || r.type() != ResponseType.MULTI) return;
    if (r.isMap()) {
      for (String key : r.getKeys()) collect(r.get(key), out);
      return;
    }
    if (r.size() == 2 && r.get(0) != null && r.get(0).type() == ResponseType.BULK
        && ENTRY_ID.matcher(r.get(0).toString()).matches() && r.get(1) != null && r.get(1).type() == ResponseType.MULTI) {
      Response fields = r.get(1);
      for (int i = 0; i + 1 < fields.size(); i += 2) {
        if ("repairId".equals(fields.get(i).toString())) out.add(new Delivery(r.get(0).toString(), fields.get(i + 1).toString()));
      }
      return;
    }
    for (int i = 0; i < r.size(); i++) collect(r.get(i), out);
  }
}
