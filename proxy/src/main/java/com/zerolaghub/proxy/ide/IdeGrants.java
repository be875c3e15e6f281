package com.zerolaghub.proxy.ide;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.Optional;

/**
 * Where one-time IDE tokens and IDE cookie sessions live (shared by all nodes). Secrets are
 * stored under their SHA-256 hash only.
 */
public interface IdeGrants {

  /** A new one-time token for {@code grant}, valid for {@code ttl} or until redeemed. */
  Future<String> issueToken(IdeGrant grant, Duration ttl);

  /** The token's grant, exactly once: a second redeem, or one after the ttl, finds nothing. */
  Future<Optional<IdeGrant>> redeemToken(String token);

  /** A new opaque cookie value standing for {@code grant} during {@code ttl}. */
  Future<String> openSession(IdeGrant grant, Duration ttl);

  /** The grant a cookie value stands for, while it lives. */
  Future<Optional<IdeGrant>> session(String cookieValue);
}
