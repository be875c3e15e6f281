package com.zerolaghub.verticles.accounts;

import com.zerolaghub.verticles.http.ApiRoutes;
import com.zerolaghub.verticles.http.ValidatedRequests;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forgotten passwords. A request is answered 202 with the same body whether or not the email
 * has an account, before anything is looked up; the work (record, mail) happens after.
 */
final class PasswordResetEndpoints {
  private static final Logger log = LoggerFactory.getLogger(PasswordResetEndpoints.class);
  static final String ACCEPTED = "if an account uses this email, a link to reset its password is on its way";

  private final AccountActions actions;
  private final ResetLinkMailer mailer;
  private final RateLimits limits;
  private final SessionCookies cookies;
  private final AuthEndpoints auth;

  PasswordResetEndpoints(AccountActions actions, ResetLinkMailer mailer, RateLimits limits, SessionCookies cookies, AuthEndpoints auth) {
    this.actions = actions;
    this.mailer = mailer;
    this.limits = limits;
    this.cookies = cookies;
    this.auth = auth;
  }

  void bind(ApiRoutes api) {
    api.operation("requestPasswordReset", this::request);
    api.operation("confirmPasswordReset", this::confirm);
  }

  private void request(RoutingContext ctx) {
    String email = ValidatedRequests.body(ctx).getString("email");
    Caller caller = auth.caller(ctx);
    limits.resetRequest(ctx, caller.ip(), email)
        .onSuccess(v -> {
          ctx.response().setStatusCode(202).putHeader("Content-Type", "application/json")
              .end(new JsonObject().put("status", "accepted").put("detail", ACCEPTED).encode());
          actions.requestReset(email, caller)
              .compose(link -> link.isEmpty() ? Future.<Void>succeededFuture()
                  : mailer.send(link.get().account().userId(), link.get().account().email(), link.get().account().displayName(),
                      link.get().token(), actions.resetTtl()))
              .onFailure(err -> log.atWarn().setMessage("password reset not recorded or not mailed")
                  .addKeyValue("requestId", caller.requestId()).addKeyValue("reason", err.toString()).log());
        })
        .onFailure(ctx::fail);
  }

  private void confirm(RoutingContext ctx) {
    JsonObject body = ValidatedRequests.body(ctx);
    Caller caller = auth.caller(ctx);
    limits.resetConfirm(ctx, caller.ip())
        .compose(v -> actions.confirmReset(body.getString("token"), body.getString("newPassword"), caller))
        .onSuccess(v -> {
          cookies.clear(ctx); // every session of the account ended, this browser's too
          ctx.response().setStatusCode(204).end();
        })
        .onFailure(ctx::fail);
  }
}
