package com.zerolaghub.verticles.accounts;

import com.zerolaghub.core.accounts.Principal;
import com.zerolaghub.core.accounts.SecretTokens;
import com.zerolaghub.core.accounts.SessionLookup;
import com.zerolaghub.verticles.http.Authentication;
import com.zerolaghub.verticles.http.ProblemException;
import com.zerolaghub.verticles.http.ProblemType;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Who calls, from an {@code Authorization: Bearer} token (API clients) or the
 * {@code zlh_session} cookie (the portal). Cookie-authenticated requests that change something
 * must also send {@code X-CSRF-Token} matching the session (else 403 {@code csrf}); bearer
 * requests need not, since browsers never attach that header by themselves. Lookups answer from
 * the in-memory {@link SessionDirectory}: no query per request.
 *
 * <p>Created before the capabilities (other capabilities take it at construction); the
 * accounts capability connects the session lookup when it starts.
 */
public final class SessionAuthentication implements Authentication {
  private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
  private static final String BEARER = "bearer ";

  private volatile SessionLookup lookup;
  private volatile BooleanSupplier complete = () -> true;
  private volatile Clock clock = Clock.systemUTC();

  /**
   * Connects the lookup requests are checked against; called by the accounts capability.
   *
   * @param complete whether the lookup knows every session yet (false while it folds the log
   *                 after a start): until then an unknown token answers 503, not a 401 that
   *                 would sign people out
   */
  void connect(SessionLookup lookup, BooleanSupplier complete, Clock clock) {
    this.lookup = lookup;
    this.complete = complete;
    this.clock = clock;
  }

  @Override
  public Handler<RoutingContext> required() {
    return this::authenticate;
  }

  @Override
  public Handler<RoutingContext> admin() {
    return ctx -> {
      Principal p = resolve(ctx);
      if (!p.isAdmin()) throw new ProblemException(ProblemType.FORBIDDEN, "this needs an administrator");
      ctx.put(PRINCIPAL_KEY, p);
      ctx.next();
    };
  }

  private void authenticate(RoutingContext ctx) {
    ctx.put(PRINCIPAL_KEY, resolve(ctx));
    ctx.next();
  }

  /** The principal of the request, or a 401/403 problem thrown. */
  Principal resolve(RoutingContext ctx) {
    SessionLookup l = lookup;
    if (l == null) throw new ProblemException(ProblemType.UNAVAILABLE, "accounts are not served by this node");
    String bearer = bearerToken(ctx);
    if (bearer != null) return l.authenticate(bearer, clock.instant()).orElseThrow(this::signIn);
    Cookie cookie = ctx.request().getCookie(SessionCookies.SESSION);
    if (cookie == null || cookie.getValue().isEmpty()) throw signIn();
    Optional<Principal> principal = l.authenticate(cookie.getValue(), clock.instant());
    if (principal.isEmpty()) throw signIn();
    if (!SAFE.contains(ctx.request().method())) {
      String header = ctx.request().getHeader(SessionCookies.CSRF_HEADER);
      if (!SecretTokens.same(header, SessionCookies.csrfFor(cookie.getValue()))) {
        throw new ProblemException(AccountProblems.CSRF,
            "send the value of the " + SessionCookies.CSRF + " cookie in the " + SessionCookies.CSRF_HEADER + " header");
      }
    }
    return principal.get();
  }

  /** The bearer token of the request, or null when it has none. */
  static String bearerToken(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || header.length() <= BEARER.length() || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return null;
    }
    return header.substring(BEARER.length()).trim();
  }

  /** The session token the request authenticated with (bearer or cookie), or null. */
  static String presentedToken(RoutingContext ctx) {
    String bearer = bearerToken(ctx);
    if (bearer != null) return bearer;
    Cookie cookie = ctx.request().getCookie(SessionCookies.SESSION);
    return cookie == null ? null : cookie.getValue();
  }

  private ProblemException signIn() {
    if (!complete.getAsBoolean()) {
      return new ProblemException(ProblemType.UNAVAILABLE, "this node is still loading sessions; retry in a moment");
    }
    return new ProblemException(ProblemType.UNAUTHORIZED, "sign in first: the session is missing, expired or ended");
  }
}
