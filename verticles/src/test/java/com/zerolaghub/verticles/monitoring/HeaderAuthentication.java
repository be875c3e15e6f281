package com.zerolaghub.verticles.monitoring;

import com.zerolaghub.core.accounts.Principal;
import com.zerolaghub.events.accounts.Role;
import com.zerolaghub.verticles.http.Authentication;
import com.zerolaghub.verticles.http.ProblemException;
import com.zerolaghub.verticles.http.ProblemType;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** Test-only sign-in: {@code X-Test-User: <id>} (and {@code X-Test-Role: admin}) is the principal. */
final class HeaderAuthentication implements Authentication {
  static final String USER = "X-Test-User";
  static final String ROLE = "X-Test-Role";

  @Override
  public Handler<RoutingContext> required() {
    return ctx -> {
      String user = ctx.request().getHeader(USER);
      if (user == null) {
        ctx.fail(new ProblemException(ProblemType.UNAUTHORIZED, "sign in first"));
        return;
      }
      Role role = "admin".equals(ctx.request().getHeader(ROLE)) ? Role.ADMIN : Role.CUSTOMER;
      ctx.put(PRINCIPAL_KEY, new Principal(user, role, "test-session"));
      ctx.next();
    };
  }

  @Override
  public Handler<RoutingContext> admin() {
    return ctx -> {
      if (!"admin".equals(ctx.request().getHeader(ROLE))) {
        ctx.fail(new ProblemException(ProblemType.FORBIDDEN, "admins only"));
        return;
      }
      required().handle(ctx);
    };
  }
}
