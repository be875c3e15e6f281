package com.zerolaghub.proxy;

import com.zerolaghub.core.accounts.Principal;
import com.zerolaghub.core.accounts.SessionLookup;
import io.vertx.core.http.HttpServerRequest;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * The platform session a request presents: {@code Authorization: Bearer <token>} or the
 * session cookie ({@link SessionCookie}). Resolved from memory through {@link SessionLookup}.
 */
public final class SessionCredentials {
  private static final String BEARER = "bearer ";

  private final SessionLookup sessions;
  private final Clock clock;
  private final SessionCookie cookie;

  /** Reads the plain-HTTP cookie, {@code zlh_session}. */
  public SessionCredentials(SessionLookup sessions, Clock clock) {
    this(sessions, clock, SessionCookie.PLAIN);
  }

  public SessionCredentials(SessionLookup sessions, Clock clock, SessionCookie cookie) {
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.cookie = Objects.requireNonNull(cookie, "cookie");
  }

  /** The session cookie these credentials read. */
  public SessionCookie cookie() {
    return cookie;
  }

  public Optional<Principal> principalOf(HttpServerRequest request) {
    String authorization = request.getHeader("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      String token = authorization.substring(BEARER.length()).trim();
      return token.isEmpty() ? Optional.empty() : sessions.authenticate(token, clock.instant());
    }
    return cookie.resolve(request, sessions, clock.instant()).map(SessionCookie.Session::principal);
  }
}
