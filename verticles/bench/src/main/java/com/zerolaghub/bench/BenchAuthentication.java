package com.zerolaghub.bench;

import com.zerolaghub.core.accounts.Principal;
import com.zerolaghub.events.accounts.Role;
import com.zerolaghub.verticles.http.Authentication;
import com.zerolaghub.verticles.http.ProblemException;
import com.zerolaghub.verticles.http.ProblemType;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Sign-in for benchmark nodes only (they listen on 127.0.0.1 and live for one run): the user id
 * is the {@code X-Bench-User} header, {@code X-Bench-Admin: true} makes an admin. Never wired
 * into {@code zlh run}.
 */
final class BenchAuthentication implements Authentication {
  static final String USER = "X-Bench-User";
  static final String ADMIN = "X-Bench-Admin";

  @Override
  public Handler<RoutingContext> required() {
    return ctx -> {
      String user = ctx.request().getHeader(USER);
      if (user == null) {
        ctx.fail(new ProblemException(ProblemType.UNAUTHORIZED, "bench user header missing"));
        return;
      }
      boolean admin = "true".equals(ctx.request().getHeader(ADMIN));
      ctx.put(PRINCIPAL_KEY, new Principal(user, admin ? Role.ADMIN : Role.CUSTOMER, "bench"));
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
