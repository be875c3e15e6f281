package com.zerolaghub.verticles.operators;

import com.zerolaghub.verticles.config.RolesConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which nodes run and with which roles, for the operator console's overview: each node writes
 * its line into the Redis hash {@value #KEY} every {@link #EVERY} and removes it when it stops.
 * A line not refreshed for {@link #SILENT_AFTER} is a node that died without saying so: left
 * out of the roster (and deleted by the next reader). Only what may be lost, as Redis holds.
 */
final class NodeRoster {
  static final String KEY = "zlh:nodes";
  static final Duration EVERY = Duration.ofSeconds(5);
  static final Duration SILENT_AFTER = Duration.ofSeconds(30);

  private final Vertx vertx;
  private final Redis redis;
  private final String name;
  private final JsonArray roles;
  private final Instant startedAt;
  private final Clock clock;
  private long timer = -1;

  NodeRoster(Vertx vertx, Redis redis, String name, RolesConfig roles, Clock clock) {
    this.vertx = vertx;
    this.redis = redis;
    this.name = name;
    this.roles = rolesOf(roles);
    this.clock = clock;
    this.startedAt = clock.instant();
  }

  String name() {
    return name;
  }

  void start() {
    announce();
    timer = vertx.setPeriodic(EVERY.toMillis(), id -> announce());
  }

  Future<Void> stop() {
    if (timer >= 0) vertx.cancelTimer(timer);
    return redis.send(Request.cmd(Command.HDEL).arg(KEY).arg(name)).<Void>mapEmpty().recover(err -> Future.succeededFuture());
  }

  /** The nodes heard from lately, by name. */
  Future<List<JsonObject>> nodes() {
    return redis.send(Request.cmd(Command.HGETALL).arg(KEY)).map(this::alive);
  }

  private List<JsonObject> alive(Response all) {
    List<JsonObject> nodes = new ArrayList<>();
    if (all == null) return nodes;
    Instant cutoff = clock.instant().minus(SILENT_AFTER);
    for (String field : all.getKeys()) {
      JsonObject line;
      try {
        line = new JsonObject(all.get(field).toString());
      } catch (RuntimeException e) {
        continue;
      }
      if (Instant.parse(line.getString("seenAt")).isBefore(cutoff)) {
        redis.send(Request.cmd(Command.HDEL).arg(KEY).arg(field));
        continue;
      }
      nodes.add(line.put("name", field));
    }
    nodes.sort(Comparator.comparing(n -> n.getString("name")));
    return nodes;
  }

  private void announce() {
    JsonObject line = new JsonObject().put("roles", roles).put("startedAt", startedAt.toString()).put("seenAt", clock.instant().toString());
    redis.send(Request.cmd(Command.HSET).arg(KEY).arg(name).arg(line.encode())); // a missed beat is retried at the next
  }

  private static JsonArray rolesOf(RolesConfig r) {
    JsonArray roles = new JsonArray();
    if (r.api()) roles.add("api");
    if (r.proxy()) roles.add("proxy");
    if (r.workers()) roles.add("workers");
    if (r.controller()) roles.add("controller");
    return roles;
  }
}
