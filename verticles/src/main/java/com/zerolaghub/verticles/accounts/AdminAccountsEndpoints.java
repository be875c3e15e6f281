package com.zerolaghub.verticles.accounts;

import com.zerolaghub.core.accounts.DisplayForm;
import com.zerolaghub.events.accounts.Role;
import com.zerolaghub.verticles.http.ApiRoutes;
import com.zerolaghub.verticles.http.Authentication;
import com.zerolaghub.verticles.http.ValidatedRequests;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/**
 * {@code GET /api/admin/accounts}: every account, oldest first, from the {@code accounts} read
 * model, or those matching {@code q} (email, username, id, Stripe customer id); {@code POST /api/admin/accounts/:userId/sessions/end}: an administrator signs an account
 * out everywhere, with a reason; {@code POST /api/admin/accounts/:userId/role}: makes or unmakes an administrator, with a reason.
 */
final class AdminAccountsEndpoints {
  private static final String SELECT = "SELECT id, email, username, display_name, role, created_at FROM accounts "
      + "ORDER BY created_at, id LIMIT $1 OFFSET $2";
  /**
   * {@code q}: part of an email or username, an account id, or a Stripe customer id (the
   * {@code stripe-customer/<cus id>} stream names the account that claimed it).
   */
  private static final String SEARCH = "SELECT id, email, username, display_name, role, created_at FROM accounts "
      + "WHERE email ILIKE $3 ESCAPE '\\' OR username ILIKE $3 ESCAPE '\\' OR id = $4 OR id = (SELECT payload->>'accountId' "
      + "FROM event_log WHERE stream_type = 'stripe-customer' AND stream_id = $4 ORDER BY stream_version LIMIT 1) "
      + "ORDER BY created_at, id LIMIT $1 OFFSET $2";

  private final Pool pool;
  private final AccountActions actions;
  private final AuthEndpoints callers;

  AdminAccountsEndpoints(Pool pool, AccountActions actions, AuthEndpoints callers) {
    this.pool = pool;
    this.actions = actions;
    this.callers = callers;
  }

  void bind(ApiRoutes api, Authentication auth) {
    api.operation("listAccounts", auth.admin(), this::list);
    api.operation("endAccountSessions", auth.admin(), this::endSessions);
    api.operation("setAccountRole", auth.admin(), this::setRole);
  }

  private void setRole(RoutingContext ctx) {
    JsonObject body = ValidatedRequests.body(ctx);
    String userId = ValidatedRequests.pathParam(ctx, "userId");
    Role role = "admin".equals(body.getString("role")) ? Role.ADMIN : Role.CUSTOMER;
    actions.setRole(Authentication.principal(ctx), userId, role, body.getString("reason").strip(), callers.caller(ctx))
        .onSuccess(result -> ctx.json(new JsonObject().put("userId", userId).put("role", result.state().role().wireName())
            .put("changed", result.changed())))
        .onFailure(ctx::fail);
  }

  private void endSessions(RoutingContext ctx) {
    String reason = ValidatedRequests.body(ctx).getString("reason").strip();
    actions.endAllSessions(Authentication.principal(ctx), ValidatedRequests.pathParam(ctx, "userId"), reason, callers.caller(ctx))
        .onSuccess(v -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    int limit = intParam(ctx, "limit", 100);
    int offset = intParam(ctx, "offset", 0);
    RequestParameter q = ValidatedRequests.query(ctx, "q");
    String term = q == null || q.isNull() ? null : q.getString().strip();
    var query = term == null || term.isEmpty() ? pool.preparedQuery(SELECT).execute(Tuple.of(limit, offset))
        : pool.preparedQuery(SEARCH).execute(Tuple.of(limit, offset, "%" + likeEscaped(term) + "%", term));
    query.onSuccess(rows -> {
      JsonArray accounts = new JsonArray();
      for (Row r : rows) {
        String id = r.getString("id");
        accounts.add(new JsonObject().put("id", id).put("email", r.getString("email")).put("username", r.getString("username"))
            .put("displayName", r.getString("display_name"))
            .put("display", DisplayForm.of(r.getString("display_name"), r.getString("username"), id))
            .put("role", r.getString("role")).put("createdAt", r.getOffsetDateTime("created_at").toInstant().toString()));
      }
      ctx.json(new JsonObject().put("accounts", accounts));
    }).onFailure(ctx::fail);
  }

  private static String likeEscaped(String s) {
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  private static int intParam(RoutingContext ctx, String name, int fallback) {
    RequestParameter p = ValidatedRequests.query(ctx, name);
    return p == null || p.isNull() ? fallback : p.getInteger();
  }
}
