package com.zerolaghub.verticles.servers;

import com.zerolaghub.core.accounts.Principal;
import com.zerolaghub.events.accounts.Role;
import com.zerolaghub.verticles.http.Authentication;
import com.zerolaghub.verticles.http.ProblemException;
import com.zerolaghub.verticles.http.ProblemType;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** Test-only sign-in: {@code X-Test-User: <id>}, plus {@code X-Test-Admin: true} for an admin. */
public final class HeaderAuthentication implements Authentication {
  public static final String USER = "X-Test-User";
  public static final String ADMIN = "X-Test-Admin";

  @Override
  public Handler<RoutingContext> required() {
    return ctx -> {
      String user = ctx.request().getHeader(USER);
      if (user == null || user.isBlank()) {
        ctx.fail(new ProblemException(ProblemType.UNAUTHORIZED, "sign in first"));
        return;
      }
      boolean admin = "true".equals(ctx.request().getHeader(ADMIN));
      ctx.put(PRINCIPAL_KEY, new Principal(user, admin ? Role.ADMIN : Role.CUSTOMER, "test-session"));
      ctx.next();
    };
  }

  @Override
  public Handler<RoutingContext> admin() {
    Handler<RoutingContext> required = required();
    return ctx -> {
      if (!"true".equals(ctx.request().getHeader(ADMIN))) {
        ctx.fail(new ProblemException(ProblemType.FORBIDDEN, "admins only"));
        return;
      }
      required.handle(ctx);
    };
  }
}
