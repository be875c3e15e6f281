package com.zerolaghub.core.accounts;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;

/**
 * bcrypt through a maintained library. Deliberately slow CPU work: call it from a worker
 * (executeBlocking), never from an event loop.
 */
public final class PasswordHasher {
  public static final int DEFAULT_COST = 11;
  /** A well-formed hash of a random password, compared against when an email is unknown so both take as long. */
  private final String decoyHash;
  private final int cost;

  public PasswordHasher(int cost) {
    this.cost = cost;
    this.decoyHash = hash(SecretTokens.newToken());
  }

  public String hash(String password) {
    return BCrypt.withDefaults().hashToString(cost, password.toCharArray());
  }

  public boolean verify(String password, String hash) {
    byte[] pw = password.getBytes(StandardCharsets.UTF_8);
    if (pw.length > Registration.PASSWORD_MAX_BYTES) return false;
    return BCrypt.verifyer().verify(pw, (hash == null ? decoyHash : hash).getBytes(StandardCharsets.UTF_8)).verified && hash != null;
  }
}
