package com.zerolaghub.verticles.monitoring;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Who may read {@code /sd/exporters}: holders of the configured bearer token, compared in
 * constant time; nobody when no token is configured (fail closed), unless development mode
 * opens it. The token never leaves this object (no getter, no toString).
 */
final class SdAccess {
  enum Decision { ALLOWED, UNAUTHORIZED, NOT_CONFIGURED }

  private static final String BEARER = "bearer ";

  private final byte[] token;
  private final boolean open;

  private SdAccess(byte[] token, boolean open) {
    this.token = token;
    this.open = open;
  }

  static SdAccess withToken(String token) {
    if (token == null || token.isBlank()) throw new IllegalArgumentException("an SD token must not be empty");
    return new SdAccess(token.strip().getBytes(StandardCharsets.UTF_8), false);
  }

  /** No token configured: every request is refused. */
  static SdAccess closed() {
    return new SdAccess(null, false);
  }

  /** Development mode without a token: every request is served. */
  static SdAccess open() {
    return new SdAccess(null, true);
  }

  boolean requiresToken() {
    return token != null;
  }

  /** Neither a token nor development mode: every request is refused. */
  boolean refusesEveryone() {
    return token == null && !open;
  }

  boolean isOpen() {
    return open;
  }

  /** @param authorization the request's {@code Authorization} header, or null */
  Decision decide(String authorization) {
    if (token == null) return open ? Decision.ALLOWED : Decision.NOT_CONFIGURED;
    if (authorization == null || authorization.length() <= BEARER.length()
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return Decision.UNAUTHORIZED;
    }
    byte[] presented = authorization.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8);
    // Time depends on the expected token's length only, not on where the bytes differ.
    return MessageDigest.isEqual(token, presented) ? Decision.ALLOWED : Decision.UNAUTHORIZED;
  }

  @Override
  public String toString() {
    return token != null ? "SdAccess[token]" : open ? "SdAccess[open]" : "SdAccess[closed]";
  }
}
