package com.zerolaghub.proxy;

import com.zerolaghub.core.accounts.Principal;
import com.zerolaghub.core.accounts.SessionLookup;
import io.vertx.core.http.HttpServerRequest;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The platform's session cookie as requests carry it: {@code zlh_session}, or
 * {@code __Host-zlh_session} when the platform is served over TLS (no other host, sibling
 * subdomains included, can then set it). The API and the proxy read it only through here.
 */
public final class SessionCookie {
  /** The plain-HTTP name, {@code zlh_session}. */
  public static final SessionCookie PLAIN = new SessionCookie(PlatformCookies.sessionName(false));

  private final String name;

  private SessionCookie(String name) {
    this.name = name;
  }

  /** The session cookie of a platform served over TLS ({@code __Host-} name) or not. */
  public static SessionCookie forTls(boolean tls) {
    return tls ? new SessionCookie(PlatformCookies.sessionName(true)) : PLAIN;
  }

  public String name() {
    return name;
  }

  /** Whether the request carries a (non-empty) session cookie, valid or not. */
  public boolean presentIn(HttpServerRequest request) {
    return !valuesIn(request).isEmpty();
  }

  /**
   * The request's session: the one token among its session cookies that authenticates. Tokens
   * that do not are ignored (over plain HTTP a page on a sibling subdomain can plant cookies
   * under our name); when different tokens authenticate, none is trusted, since we cannot tell
   * which one the browser's user signed in with.
   */
  public Optional<Session> resolve(HttpServerRequest request, SessionLookup lookup, Instant now) {
    Session found = null;
    for (String token : valuesIn(request)) {
      if (found != null && found.token().equals(token)) {
        continue;
      }
      Optional<Principal> principal = lookup.authenticate(token, now);
      if (principal.isEmpty()) {
        continue;
      }
      if (found != null) {
        return Optional.empty(); // ambiguous
      }
      found = new Session(token, principal.get());
    }
    return Optional.ofNullable(found);
  }

  private List<String> valuesIn(HttpServerRequest request) {
    return PlatformCookies.valuesOf(request.headers().getAll("Cookie"), name).stream()
        .filter(v -> !v.isEmpty()).toList();
  }

  /** A session token found in a cookie and whom it stands for. */
  public record Session(String token, Principal principal) {
    public Session {
      Objects.requireNonNull(token, "token");
      Objects.requireNonNull(principal, "principal");
    }

    @Override
    public String toString() {
      return "Session[token=<secret>, principal=" + principal + "]";
    }
  }
}
