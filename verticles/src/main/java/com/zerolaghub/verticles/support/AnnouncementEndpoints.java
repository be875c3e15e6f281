package com.zerolaghub.verticles.support;

import com.zerolaghub.core.billing.Announcement;
import com.zerolaghub.events.support.AnnouncementEvent.AnnouncementPublished;
import com.zerolaghub.projections.MemoryView;
import com.zerolaghub.projections.support.AnnouncementBoard;
import com.zerolaghub.verticles.http.ApiRoutes;
import com.zerolaghub.verticles.http.Authentication;
import com.zerolaghub.verticles.http.ProblemException;
import com.zerolaghub.verticles.http.ProblemType;
import com.zerolaghub.verticles.http.ValidatedRequests;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * Operator announcements (publish, schedule, expire) and the customer's merged list: the
 * operators' current ones for everyone or this account, then billing's.
 */
final class AnnouncementEndpoints {
  private final AnnouncementActions actions;
  private final MemoryView<AnnouncementBoard.Snapshot> board;
  private final BillingAnnouncementSource billing;
  private final Clock clock;

  AnnouncementEndpoints(AnnouncementActions actions, MemoryView<AnnouncementBoard.Snapshot> board, BillingAnnouncementSource billing,
                        Clock clock) {
    this.actions = actions;
    this.board = board;
    this.billing = billing;
    this.clock = clock;
  }

  void bind(ApiRoutes api, Authentication auth) {
    api.operation("publishAnnouncement", auth.admin(), this::publish);
    api.operation("expireAnnouncement", auth.admin(), this::expire);
    api.operation("listAnnouncements", auth.required(), this::list);
    api.operation("listAdminAnnouncements", auth.admin(), this::listAll);
  }

  private void publish(RoutingContext ctx) {
    JsonObject body = ValidatedRequests.body(ctx);
    Instant now = clock.instant();
    Instant startsAt = instant(body, "startsAt", now);
    Instant endsAt = instant(body, "endsAt", null);
    if (endsAt != null && !endsAt.isAfter(startsAt)) throw new ProblemException(ProblemType.VALIDATION, "endsAt must be after startsAt");
    String id = UUID.randomUUID().toString();
    String admin = Authentication.principal(ctx).userId();
    AnnouncementPublished p = new AnnouncementPublished(id, body.getString("message"), body.getString("severity"), startsAt, endsAt,
        body.getString("accountId"), admin, now);
    actions.publish(p)
        .compose(board::whenApplied)
        .onSuccess(v -> ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("id", id).encode()))
        .onFailure(ctx::fail);
  }

  private void expire(RoutingContext ctx) {
    String id = ValidatedRequests.pathParam(ctx, "id");
    if (!board.current().exists(id)) throw new ProblemException(ProblemType.NOT_FOUND, "no such announcement");
    String admin = Authentication.principal(ctx).userId();
    JsonObject body = ValidatedRequests.body(ctx);
    String reason = body == null ? null : body.getString("reason");
    actions.expire(id, admin, reason)
        .compose(board::whenApplied)
        .onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    String account = Authentication.principal(ctx).userId();
    JsonArray list = new JsonArray();
    for (AnnouncementPublished p : board.current().current(account, clock.instant())) {
      list.add(new JsonObject().put("id", p.id()).put("kind", p.accountId() == null ? "maintenance" : "account")
          .put("severity", p.severity()).put("message", p.message()).put("since", p.startsAt().toString()));
    }
    for (Announcement a : billing.announcements(account)) {
      list.add(new JsonObject().put("id", a.id()).put("kind", a.kind()).put("severity", a.severity()).put("message", a.message())
          .put("since", a.since() == null ? null : a.since().toString()));
    }
    ctx.json(new JsonObject().put("announcements", list));
  }

  private void listAll(RoutingContext ctx) {
    Instant now = clock.instant();
    JsonArray list = new JsonArray();
    for (AnnouncementBoard.Entry e : board.current().all()) {
      AnnouncementPublished p = e.published();
      list.add(new JsonObject().put("id", p.id()).put("message", p.message()).put("severity", p.severity())
          .put("startsAt", p.startsAt().toString()).put("endsAt", p.endsAt() == null ? null : p.endsAt().toString())
          .put("accountId", p.accountId()).put("publishedBy", p.publishedBy())
          .put("expiredAt", e.expiredAt() == null ? null : e.expiredAt().toString()).put("state", e.state(now)));
    }
    ctx.json(new JsonObject().put("announcements", list));
  }

  private static Instant instant(JsonObject body, String key, Instant fallback) {
    String v = body.getString(key);
    if (v == null) return fallback;
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw new ProblemException(ProblemType.VALIDATION, key + " must be an ISO-8601 instant");
    }
  }
}
