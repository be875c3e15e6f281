package com.zerolaghub.verticles.billing;

import com.zerolaghub.core.accounts.Principal;
import com.zerolaghub.events.accounts.Role;
import com.zerolaghub.verticles.http.Authentication;
import com.zerolaghub.verticles.http.ProblemException;
import com.zerolaghub.verticles.http.ProblemType;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** Test-only: the caller is whoever {@code X-Test-User} names; {@code X-Test-Admin: true} makes them admin. */
final class HeaderAuthentication implements Authentication {
  @Override
  public Handler<RoutingContext> required() {
    return rc -> {
      String user = rc.request().getHeader("X-Test-User");
      if (user == null) {
        rc.fail(new ProblemException(ProblemType.UNAUTHORIZED, "sign in first"));
        return;
      }
      boolean admin = "true".equals(rc.request().getHeader("X-Test-Admin"));
      rc.put(PRINCIPAL_KEY, new Principal(user, admin ? Role.ADMIN : Role.CUSTOMER, "test"));
      rc.next();
    };
  }

  @Override
  public Handler<RoutingContext> admin() {
    return rc -> {
      if (!"true".equals(rc.request().getHeader("X-Test-Admin"))) {
        rc.fail(new ProblemException(ProblemType.FORBIDDEN, "admins only"));
        return;
      }
      rc.put(PRINCIPAL_KEY, new Principal(rc.request().getHeader("X-Test-User"), Role.ADMIN, "test"));
      rc.next();
    };
  }
}
