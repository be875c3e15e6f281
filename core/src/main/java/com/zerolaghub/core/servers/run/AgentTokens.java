package com.zerolaghub.core.servers.run;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Each server's agent token, HMAC-SHA256(platform secret, server id): derived whenever needed,
 * so it is never stored; events hold only {@link #hash} of it.
 */
public final class AgentTokens {
  private static final String HMAC = "HmacSHA256";
  private final SecretKeySpec key;

  public AgentTokens(String platformSecret) {
    if (platformSecret == null || platformSecret.length() < 16) {
      throw new IllegalArgumentException("the platform secret must have at least 16 characters");
    }
    this.key = new SecretKeySpec(platformSecret.getBytes(StandardCharsets.UTF_8), HMAC);
  }

  /** The token the agent of {@code serverId} takes. Never log it or send it to a browser. */
  public String tokenFor(String serverId) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(key);
      return HexFormat.of().formatHex(mac.doFinal(serverId.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
    }
  }

  /** SHA-256 hex of a token: what events record. */
  public static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }

  @Override
  public String toString() {
    return "AgentTokens[***]";
  }
}
