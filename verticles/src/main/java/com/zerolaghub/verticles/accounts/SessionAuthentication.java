package com.zerolaghub.verticles.accounts;

import com.zerolaghub.core.accounts.Principal;
import com.zerolaghub.core.accounts.SecretTokens;
import com.zerolaghub.core.accounts.SessionLookup;
import com.zerolaghub.projections.accounts.SessionDirectory;
import com.zerolaghub.proxy.SessionCookie;
import com.zerolaghub.verticles.http.Authentication;
import com.zerolaghub.verticles.http.ProblemException;
import com.zerolaghub.verticles.http.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Who calls, from an {@code Authorization: Bearer} token (API clients) or the session cookie
 * (the portal: {@code zlh_session}, {@code __Host-zlh_session} over TLS; when a request carries
 * several, see {@link SessionCookie#resolve}). Cookie-authenticated requests that change something
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
  private volatile Supplier<Future<Void>> catchUp;
  private volatile SessionCookie sessionCookie = SessionCookie.PLAIN;

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

  /** Lets an unknown token wait once for this node to catch up with the log; called by the accounts capability. */
  void catchUpWith(Supplier<Future<Void>> toHead) {
    this.catchUp = toHead;
  }

  /** Which cookie holds the session ({@code http.publicUrl} decides); called by the accounts capability. */
  void readSessionFrom(SessionCookie cookie) {
    this.sessionCookie = cookie;
  }

  @Override
  public Handler<RoutingContext> required() {
    return this::authenticate;
  }

  @Override
  public Handler<RoutingContext> admin() {
    return ctx -> resolveThen(ctx, p -> {
      if (!p.isAdmin()) throw new ProblemException(ProblemType.FORBIDDEN, "this needs an administrator");
      ctx.put(PRINCIPAL_KEY, p);
      ctx.next();
    });
  }

  private void authenticate(RoutingContext ctx) {
    resolveThen(ctx, p -> {
      ctx.put(PRINCIPAL_KEY, p);
      ctx.next();
    });
  }

  /**
   * Resolves the caller and hands it on. A token this node does not know yet is asked about
   * again once the node has caught up with the log (it may have been issued by another node a
   * moment ago); only then is it refused.
   */
  private void resolveThen(RoutingContext ctx, Consumer<Principal> next) {
    Principal p;
    try {
      p = resolve(ctx);
    } catch (ProblemException refused) {
      Supplier<Future<Void>> toHead = catchUp;
      if (toHead == null || refused.problem().status() != 401 || bearerToken(ctx) == null && !presentsACookie(ctx)) {
        throw refused;
      }
      toHead.get().onComplete(caughtUp -> {
        try {
          next.accept(resolve(ctx));
        } catch (ProblemException again) {
          ctx.fail(again);
        }
      });
      return;
    }
    next.accept(p);
  }

  private boolean presentsACookie(RoutingContext ctx) {
    String cookies = ctx.request().getHeader("Cookie");
    return cookies != null && cookies.contains("zlh_session");
  }

  /** The principal of the request, or a 401/403 problem thrown. */
  Principal resolve(RoutingContext ctx) {
    SessionLookup l = lookup;
    if (l == null) throw new ProblemException(ProblemType.UNAVAILABLE, "accounts are not served by this node");
    String bearer = bearerToken(ctx);
    if (bearer != null) return l.authenticate(bearer, clock.instant()).orElseThrow(this::signIn);
    Optional<SessionCookie.Session> session = sessionCookie.resolve(ctx.request(), l, clock.instant());
    if (session.isEmpty()) throw signIn();
    if (!SAFE.contains(ctx.request().method())) {
      String header = ctx.request().getHeader(SessionCookies.CSRF_HEADER);
      if (!SecretTokens.same(header, SessionCookies.csrfFor(session.get().token()))) {
        throw new ProblemException(AccountProblems.CSRF,
            "send the value of the CSRF cookie (zlh_csrf, or __Host-zlh_csrf over https) in the " + SessionCookies.CSRF_HEADER + " header");
      }
    }
    return session.get().principal();
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
  String presentedToken(RoutingContext ctx) {
    String bearer = bearerToken(ctx);
    if (bearer != null) return bearer;
    SessionLookup l = lookup;
    return l == null ? null : sessionCookie.resolve(ctx.request(), l, clock.instant()).map(SessionCookie.Session::token).orElse(null);
  }

  private ProblemException signIn() {
    if (!complete.getAsBoolean()) {
      return new ProblemException(ProblemType.UNAVAILABLE, "this node is still loading sessions; retry in a moment");
    }
    return new ProblemException(ProblemType.UNAUTHORIZED, "sign in first: the session is missing, expired or ended");
  }
}
