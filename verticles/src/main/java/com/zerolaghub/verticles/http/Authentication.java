package com.zerolaghub.verticles.http;

import com.zerolaghub.core.accounts.Principal;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * How API routes learn who calls. The accounts capability provides the implementation
 * (session cookie with CSRF check, or bearer token); other capabilities put
 * {@link #required()} first in their handler chains and read {@link #principal}.
 */
public interface Authentication {
  String PRINCIPAL_KEY = "zlh.principal";

  /** Sets the principal or ends the request with a 401 problem. */
  Handler<RoutingContext> required();

  /** Like {@link #required()}, then a 403 problem unless the principal is an admin. */
  Handler<RoutingContext> admin();

  /** The authenticated caller; only valid after {@link #required()} ran. */
  static Principal principal(RoutingContext ctx) {
    Principal p = ctx.get(PRINCIPAL_KEY);
    if (p == null) throw new ProblemException(ProblemType.UNAUTHORIZED, "sign in first");
    return p;
  }
}
