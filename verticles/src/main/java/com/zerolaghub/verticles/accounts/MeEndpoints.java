package com.zerolaghub.verticles.accounts;

import com.zerolaghub.core.accounts.Principal;
import com.zerolaghub.projections.accounts.SessionDirectory;
import com.zerolaghub.verticles.http.ApiRoutes;
import com.zerolaghub.verticles.http.Authentication;
import com.zerolaghub.verticles.http.ProblemException;
import com.zerolaghub.verticles.http.ProblemType;
import com.zerolaghub.verticles.http.ValidatedRequests;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The signed-in account: who am I, change my display name or password. */
final class MeEndpoints {
  private final AccountActions actions;
  private final SessionDirectory directory;
  private final RateLimits limits;
  private final AuthEndpoints auth;

  MeEndpoints(AccountActions actions, SessionDirectory directory, RateLimits limits, AuthEndpoints auth) {
    this.actions = actions;
    this.directory = directory;
    this.limits = limits;
    this.auth = auth;
  }

  void bind(ApiRoutes api, Authentication authentication) {
    api.operation("getMe", authentication.required(), this::me);
    api.operation("changePassword", authentication.required(), this::changePassword);
    api.operation("updateMe", authentication.required(), this::update);
  }

  /** From memory, like the session check before it: no query. */
  private void me(RoutingContext ctx) {
    Principal p = Authentication.principal(ctx);
    SessionDirectory.Profile profile = directory.profile(p.userId())
        .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "no such account"));
    ctx.json(AccountJson.of(profile));
  }

  private void update(RoutingContext ctx) {
    Principal p = Authentication.principal(ctx);
    actions.changeDisplayName(p, ValidatedRequests.body(ctx).getString("displayName"), auth.caller(ctx))
        .onSuccess(account -> me(ctx))
        .onFailure(ctx::fail);
  }

  private void changePassword(RoutingContext ctx) {
    Principal p = Authentication.principal(ctx);
    JsonObject body = ValidatedRequests.body(ctx);
    Caller caller = auth.caller(ctx);
    limits.passwordChange(ctx, caller.ip(), p.userId())
        .compose(v -> actions.changePassword(p, body.getString("currentPassword"), body.getString("newPassword"), caller))
        .onSuccess(v -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }
}
