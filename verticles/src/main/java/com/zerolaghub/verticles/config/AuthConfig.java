package com.zerolaghub.verticles.config;

import io.vertx.core.json.JsonObject;

/**
 * Accounts and sessions.
 *
 * @param bcryptCost        bcrypt work factor of new password hashes (4–31; each step doubles the time)
 * @param sessionTtlHours   how long a session (cookie or bearer token) lasts after login
 * @param resetTtlMinutes   how long an emailed password-reset link works
 * @param cookieSecure      mark session cookies Secure even when the request did not come over TLS
 *                          (set it behind a TLS-terminating proxy; https {@code http.publicUrl} implies it)
 * @param rateWindowSeconds length of the fixed window the limits below count in
 * @param loginPerIp        login attempts per client address per window
 * @param loginPerEmail     login attempts per account email per window
 * @param registerPerIp     registrations per client address per window
 * @param resetPerIp        password-reset requests and confirmations per client address per window
 * @param resetPerEmail     password-reset requests per email per window
 */
public record AuthConfig(int bcryptCost, int sessionTtlHours, int resetTtlMinutes, boolean cookieSecure, int rateWindowSeconds,
                         int loginPerIp, int loginPerEmail, int registerPerIp, int resetPerIp, int resetPerEmail) {
  public static final int DEFAULT_BCRYPT_COST = 11;
  public static final int DEFAULT_SESSION_TTL_HOURS = 7 * 24;
  public static final int DEFAULT_RESET_TTL_MINUTES = 30;
  public static final boolean DEFAULT_COOKIE_SECURE = false;
  public static final int DEFAULT_RATE_WINDOW_SECONDS = 900;
  public static final int DEFAULT_LOGIN_PER_IP = 30;
  public static final int DEFAULT_LOGIN_PER_EMAIL = 10;
  public static final int DEFAULT_REGISTER_PER_IP = 10;
  public static final int DEFAULT_RESET_PER_IP = 10;
  public static final int DEFAULT_RESET_PER_EMAIL = 3;

  public AuthConfig {
    if (bcryptCost < 4 || bcryptCost > 31) throw new ConfigException("auth.bcryptCost must be between 4 and 31, got " + bcryptCost);
    positive("sessionTtlHours", sessionTtlHours);
    positive("resetTtlMinutes", resetTtlMinutes);
    positive("rateWindowSeconds", rateWindowSeconds);
    positive("loginPerIp", loginPerIp);
    positive("loginPerEmail", loginPerEmail);
    positive("registerPerIp", registerPerIp);
    positive("resetPerIp", resetPerIp);
    positive("resetPerEmail", resetPerEmail);
  }

  public static AuthConfig defaults() {
    return new AuthConfig(DEFAULT_BCRYPT_COST, DEFAULT_SESSION_TTL_HOURS, DEFAULT_RESET_TTL_MINUTES, DEFAULT_COOKIE_SECURE,
        DEFAULT_RATE_WINDOW_SECONDS, DEFAULT_LOGIN_PER_IP, DEFAULT_LOGIN_PER_EMAIL, DEFAULT_REGISTER_PER_IP,
        DEFAULT_RESET_PER_IP, DEFAULT_RESET_PER_EMAIL);
  }

  static AuthConfig from(ConfigSection s) {
    return new AuthConfig(
        s.integer("bcryptCost", DEFAULT_BCRYPT_COST), s.integer("sessionTtlHours", DEFAULT_SESSION_TTL_HOURS),
        s.integer("resetTtlMinutes", DEFAULT_RESET_TTL_MINUTES), s.bool("cookieSecure", DEFAULT_COOKIE_SECURE),
        s.integer("rateWindowSeconds", DEFAULT_RATE_WINDOW_SECONDS), s.integer("loginPerIp", DEFAULT_LOGIN_PER_IP),
        s.integer("loginPerEmail", DEFAULT_LOGIN_PER_EMAIL), s.integer("registerPerIp", DEFAULT_REGISTER_PER_IP),
        s.integer("resetPerIp", DEFAULT_RESET_PER_IP), s.integer("resetPerEmail", DEFAULT_RESET_PER_EMAIL));
  }

  JsonObject toJson() {
    return new JsonObject().put("bcryptCost", bcryptCost).put("sessionTtlHours", sessionTtlHours)
        .put("resetTtlMinutes", resetTtlMinutes).put("cookieSecure", cookieSecure).put("rateWindowSeconds", rateWindowSeconds)
        .put("loginPerIp", loginPerIp).put("loginPerEmail", loginPerEmail).put("registerPerIp", registerPerIp)
        .put("resetPerIp", resetPerIp).put("resetPerEmail", resetPerEmail);
  }

  /** The same settings with another bcrypt cost (tests use 4). */
  public AuthConfig withBcryptCost(int cost) {
    return new AuthConfig(cost, sessionTtlHours, resetTtlMinutes, cookieSecure, rateWindowSeconds, loginPerIp, loginPerEmail,
        registerPerIp, resetPerIp, resetPerEmail);
  }

  /** The same settings with other rate limits: login per IP and per email, register per IP, reset per IP and per email. */
  public AuthConfig withLimits(int loginPerIp, int loginPerEmail, int registerPerIp, int resetPerIp, int resetPerEmail) {
    return new AuthConfig(bcryptCost, sessionTtlHours, resetTtlMinutes, cookieSecure, rateWindowSeconds, loginPerIp, loginPerEmail,
        registerPerIp, resetPerIp, resetPerEmail);
  }

  private static void positive(String key, int value) {
    if (value < 1) throw new ConfigException("auth." + key + " must be positive, got " + value);
  }
}
