package com.zerolaghub.proxy;

import com.zerolaghub.core.accounts.Principal;
import com.zerolaghub.core.accounts.SessionLookup;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * The platform session a request presents: {@code Authorization: Bearer <token>} or the
 * {@code zlh_session} cookie. Resolved from memory through {@link SessionLookup}.
 */
public final class SessionCredentials {
  private static final String BEARER = "bearer ";

  private final SessionLookup sessions;
  private final Clock clock;

  public SessionCredentials(SessionLookup sessions, Clock clock) {
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public Optional<Principal> principalOf(HttpServerRequest request) {
    String authorization = request.getHeader("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      String token = authorization.substring(BEARER.length()).trim();
      return token.isEmpty() ? Optional.empty() : sessions.authenticate(token, clock.instant());
    }
    Cookie cookie = request.getCookie(PlatformCookies.SESSION);
    if (cookie == null || cookie.getValue().isEmpty()) {
      return Optional.empty();
    }
    return sessions.authenticate(cookie.getValue(), clock.instant());
  }
}
