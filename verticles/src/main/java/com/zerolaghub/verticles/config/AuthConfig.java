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

  private static void positive(String key, int value) {
    if (value < 1) throw new ConfigException("auth." + key + " must be positive, got " + value);
  }

  /** A builder holding the defaults. */
  public static Builder builder() {
    return defaults().toBuilder();
  }

  /** A builder holding these values, to change some keys by name. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Sets keys by name (the components above); {@link #build()} checks them as the constructor does. */
  public static final class Builder {
    private int bcryptCost;
    private int sessionTtlHours;
    private int resetTtlMinutes;
    private boolean cookieSecure;
    private int rateWindowSeconds;
    private int loginPerIp;
    private int loginPerEmail;
    private int registerPerIp;
    private int resetPerIp;
    private int resetPerEmail;

    private Builder(AuthConfig values) {
      bcryptCost = values.bcryptCost;
      sessionTtlHours = values.sessionTtlHours;
      resetTtlMinutes = values.resetTtlMinutes;
      cookieSecure = values.cookieSecure;
      rateWindowSeconds = values.rateWindowSeconds;
      loginPerIp = values.loginPerIp;
      loginPerEmail = values.loginPerEmail;
      registerPerIp = values.registerPerIp;
      resetPerIp = values.resetPerIp;
      resetPerEmail = values.resetPerEmail;
    }

    public Builder bcryptCost(int bcryptCost) {
      this.bcryptCost = bcryptCost;
      return this;
    }

    public Builder sessionTtlHours(int sessionTtlHours) {
      this.sessionTtlHours = sessionTtlHours;
      return this;
    }

    public Builder resetTtlMinutes(int resetTtlMinutes) {
      this.resetTtlMinutes = resetTtlMinutes;
      return this;
    }

    public Builder cookieSecure(boolean cookieSecure) {
      this.cookieSecure = cookieSecure;
      return this;
    }

    public Builder rateWindowSeconds(int rateWindowSeconds) {
      this.rateWindowSeconds = rateWindowSeconds;
      return this;
    }

    public Builder loginPerIp(int loginPerIp) {
      this.loginPerIp = loginPerIp;
      return this;
    }

    public Builder loginPerEmail(int loginPerEmail) {
      this.loginPerEmail = loginPerEmail;
      return this;
    }

    public Builder registerPerIp(int registerPerIp) {
      this.registerPerIp = registerPerIp;
      return this;
    }

    public Builder resetPerIp(int resetPerIp) {
      this.resetPerIp = resetPerIp;
      return this;
    }

    public Builder resetPerEmail(int resetPerEmail) {
      this.resetPerEmail = resetPerEmail;
      return this;
    }

    public AuthConfig build() {
      return new AuthConfig(bcryptCost, sessionTtlHours, resetTtlMinutes, cookieSecure, rateWindowSeconds, loginPerIp, loginPerEmail, registerPerIp, resetPerIp, resetPerEmail);
    }
  }
}
