package com.zerolaghub.verticles.accounts;

import com.zerolaghub.core.accounts.Registration;
import com.zerolaghub.verticles.http.ApiRoutes;
import com.zerolaghub.verticles.http.Authentication;
import com.zerolaghub.verticles.http.RequestIds;
import com.zerolaghub.verticles.http.ValidatedRequests;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Register, log in, log out. */
final class AuthEndpoints {
  private final AccountActions actions;
  private final RateLimits limits;
  private final ClientAddress addresses;
  private final SessionCookies cookies;

  AuthEndpoints(AccountActions actions, RateLimits limits, ClientAddress addresses, SessionCookies cookies) {
    this.actions = actions;
    this.limits = limits;
    this.addresses = addresses;
    this.cookies = cookies;
  }

  void bind(ApiRoutes api, Authentication auth) {
    api.operation("register", this::register);
    api.operation("login", this::login);
    api.operation("logout", auth.required(), this::logout);
    api.operation("logoutEverywhere", auth.required(), this::logoutEverywhere);
  }

  Caller caller(RoutingContext ctx) {
    return new Caller(RequestIds.of(ctx), addresses.of(ctx), ctx.request().getHeader("User-Agent"));
  }

  private void register(RoutingContext ctx) {
    JsonObject body = ValidatedRequests.body(ctx);
    Registration.Request request = new Registration.Request(body.getString("email"), body.getString("password"),
        body.getString("username"), body.getString("displayName"));
    Caller caller = caller(ctx);
    limits.register(ctx, caller.ip())
        .compose(v -> actions.register(request, caller))
        .onSuccess(account -> ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json")
            .end(AccountJson.of(account).encode()))
        .onFailure(ctx::fail);
  }

  private void login(RoutingContext ctx) {
    JsonObject body = ValidatedRequests.body(ctx);
    String email = body.getString("email");
    Caller caller = caller(ctx);
    limits.login(ctx, caller.ip(), email)
        .compose(v -> actions.login(email, body.getString("password"), caller))
        .onSuccess(session -> {
          cookies.set(ctx, session.token(), actions.sessionTtl());
          ctx.json(new JsonObject().put("token", session.token()).put("expiresAt", session.expiresAt().toString())
              .put("user", AccountJson.of(session.account())));
        })
        .onFailure(ctx::fail);
  }

  private void logout(RoutingContext ctx) {
    signedOut(ctx, actions.logout(Authentication.principal(ctx), caller(ctx)));
  }

  private void logoutEverywhere(RoutingContext ctx) {
    signedOut(ctx, actions.logoutEverywhere(Authentication.principal(ctx), caller(ctx)));
  }

  private void signedOut(RoutingContext ctx, Future<Void> ended) {
    ended.onSuccess(v -> {
      cookies.clear(ctx);
      ctx.response().setStatusCode(204).end();
    }).onFailure(ctx::fail);
  }
}
