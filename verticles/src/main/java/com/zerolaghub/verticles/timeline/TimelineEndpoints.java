package com.zerolaghub.verticles.timeline;

import com.zerolaghub.core.accounts.Principal;
import com.zerolaghub.verticles.http.Authentication;
import com.zerolaghub.verticles.http.ProblemException;
import com.zerolaghub.verticles.http.ProblemType;
import com.zerolaghub.verticles.http.ValidatedRequests;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.sqlclient.Row;

/**
 * {@code GET /api/admin/timeline} (any server, account or ticket, every event, who caused it, a
 * link to the raw event), {@code GET /api/admin/events/{position}} (the stored event) and
 * {@code GET /api/servers/{serverId}/timeline} (the owner's view). Pages run newest first:
 * {@code next} is the {@code before} of the following page, null on the last one.
 */
final class TimelineEndpoints {
  static final int DEFAULT_LIMIT = 50;

  private final TimelineReads reads;

  TimelineEndpoints(TimelineReads reads) {
    this.reads = reads;
  }

  void forOperators(RoutingContext ctx) {
    TimelineSubject subject = TimelineSubject.parse(ValidatedRequests.query(ctx, "stream").getString());
    long before = before(ctx);
    int limit = limit(ctx);
    reads.owner(subject).compose(owner -> {
      if (owner.isEmpty()) throw new ProblemException(ProblemType.NOT_FOUND, "no events for " + subject);
      return reads.page(subject, before, limit).map(rows -> {
        JsonArray events = new JsonArray();
        long last = 0;
        for (Row r : rows) {
          events.add(TimelineRows.forOperators(r, owner.get()));
          last = r.getLong("position");
        }
        return new JsonObject().put("subject", subject.toString()).put("events", events)
            .put("next", rows.size() == limit ? (Long) last : null);
      });
    }).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  void forOwner(RoutingContext ctx) {
    TimelineSubject subject = new TimelineSubject("server", ValidatedRequests.pathParam(ctx, "serverId"));
    Principal principal = Authentication.principal(ctx);
    long before = before(ctx);
    int limit = limit(ctx);
    reads.owner(subject).compose(owner -> {
      if (owner.isEmpty() || !principal.mayAccess(owner.get())) {
        throw new ProblemException(ProblemType.NOT_FOUND, "no server " + subject.id());
      }
      return reads.page(subject, before, limit).map(rows -> {
        JsonArray events = new JsonArray();
        long last = 0;
        for (Row r : rows) {
          JsonObject entry = TimelineRows.forOwner(r, owner.get());
          if (entry != null) events.add(entry);
          last = r.getLong("position");
        }
        // A page holds fewer entries than rows read when some were internal; the cursor still moves by rows.
        return new JsonObject().put("serverId", subject.id()).put("events", events)
            .put("next", rows.size() == limit ? (Long) last : null);
      });
    }).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  void raw(RoutingContext ctx) {
    long position = ValidatedRequests.of(ctx).getPathParameters().get("position").getLong();
    reads.at(position).onSuccess(row -> {
      if (row.isEmpty()) ctx.fail(new ProblemException(ProblemType.NOT_FOUND, "no event at position " + position));
      else ctx.json(TimelineRows.raw(row.get()));
    }).onFailure(ctx::fail);
  }

  private static long before(RoutingContext ctx) {
    RequestParameter p = ValidatedRequests.query(ctx, "before");
    return p == null || p.isNull() ? Long.MAX_VALUE : p.getLong();
  }

  private static int limit(RoutingContext ctx) {
    RequestParameter p = ValidatedRequests.query(ctx, "limit");
    return p == null || p.isNull() ? DEFAULT_LIMIT : p.getInteger();
  }
}
