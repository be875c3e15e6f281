package com.zerolaghub.proxy.testing;

import com.zerolaghub.core.accounts.Principal;
import com.zerolaghub.events.accounts.Role;
import com.zerolaghub.core.accounts.SessionLookup;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Session tokens held in a map: what the proxy's tests log in with. */
public final class InMemorySessions implements SessionLookup {
  private final Map<String, Principal> byToken = new ConcurrentHashMap<>();

  /** Logs {@code userId} in as a customer; answers the session token. */
  public String login(String userId) {
    return login(userId, Role.CUSTOMER);
  }

  public String login(String userId, Role role) {
    String token = "sess-" + UUID.randomUUID();
    byToken.put(token, new Principal(userId, role, UUID.randomUUID().toString()));
    return token;
  }

  public Principal principal(String token) {
    return byToken.get(token);
  }

  /** Ends the session of {@code token}, as a logout does. */
  public void logout(String token) {
    byToken.remove(token);
  }

  @Override
  public Optional<Principal> authenticate(String sessionToken, Instant now) {
    return Optional.ofNullable(byToken.get(sessionToken));
  }

  @Override
  public boolean isLive(String sessionId, Instant now) {
    return byToken.values().stream().anyMatch(p -> p.sessionId().equals(sessionId));
  }
}
