package com.zerolaghub.verticles.config;

import io.vertx.core.json.JsonObject;

/**
 * Support notifications.
 *
 * @param discordWebhookUrl ops channel webhook (holds a token: never logged); empty posts nothing
 * @param pollMillis        how often the sender looks for due notifications
 * @param claimSeconds      how long a sender holds a notification before another node may take it over
 * @param maxAttempts       sends before a notification is recorded as failed
 * @param backoffMaxMillis  longest pause between two attempts (doubling from 500 ms)
 */
public record SupportConfig(String discordWebhookUrl, int pollMillis, int claimSeconds, int maxAttempts, int backoffMaxMillis) {
  public static final int DEFAULT_POLL_MILLIS = 250;
  public static final int DEFAULT_CLAIM_SECONDS = 60;
  public static final int DEFAULT_MAX_ATTEMPTS = 12;
  public static final int DEFAULT_BACKOFF_MAX_MILLIS = 300_000;

  public SupportConfig {
    discordWebhookUrl = discordWebhookUrl == null ? "" : discordWebhookUrl.trim();
    if (pollMillis < 10) throw new ConfigException("support.pollMillis must be at least 10, got " + pollMillis);
    if (claimSeconds < 1) throw new ConfigException("support.claimSeconds must be at least 1, got " + claimSeconds);
    if (maxAttempts < 1) throw new ConfigException("support.maxAttempts must be at least 1, got " + maxAttempts);
    if (backoffMaxMillis < 10) throw new ConfigException("support.backoffMaxMillis must be at least 10, got " + backoffMaxMillis);
  }

  public static SupportConfig defaults() {
    return new SupportConfig("", DEFAULT_POLL_MILLIS, DEFAULT_CLAIM_SECONDS, DEFAULT_MAX_ATTEMPTS, DEFAULT_BACKOFF_MAX_MILLIS);
  }

  static SupportConfig from(ConfigSection s) {
    return new SupportConfig(s.string("discordWebhookUrl", ""), s.integer("pollMillis", DEFAULT_POLL_MILLIS),
        s.integer("claimSeconds", DEFAULT_CLAIM_SECONDS), s.integer("maxAttempts", DEFAULT_MAX_ATTEMPTS),
        s.integer("backoffMaxMillis", DEFAULT_BACKOFF_MAX_MILLIS));
  }

  JsonObject toJson() {
    return new JsonObject().put("discordWebhookUrl", discordWebhookUrl).put("pollMillis", pollMillis)
        .put("claimSeconds", claimSeconds).put("maxAttempts", maxAttempts).put("backoffMaxMillis", backoffMaxMillis);
  }

  @Override
  public String toString() {
    return "SupportConfig[discordWebhookUrl=" + (discordWebhookUrl.isEmpty() ? "" : "***") + ", pollMillis=" + pollMillis
        + ", claimSeconds=" + claimSeconds + ", maxAttempts=" + maxAttempts + ", backoffMaxMillis=" + backoffMaxMillis + "]";
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
    private String discordWebhookUrl;
    private int pollMillis;
    private int claimSeconds;
    private int maxAttempts;
    private int backoffMaxMillis;

    private Builder(SupportConfig values) {
      discordWebhookUrl = values.discordWebhookUrl;
      pollMillis = values.pollMillis;
      claimSeconds = values.claimSeconds;
      maxAttempts = values.maxAttempts;
      backoffMaxMillis = values.backoffMaxMillis;
    }

    public Builder discordWebhookUrl(String discordWebhookUrl) {
      this.discordWebhookUrl = discordWebhookUrl;
      return this;
    }

    public Builder pollMillis(int pollMillis) {
      this.pollMillis = pollMillis;
      return this;
    }

    public Builder claimSeconds(int claimSeconds) {
      this.claimSeconds = claimSeconds;
      return this;
    }

    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
      return this;
    }

    public Builder backoffMaxMillis(int backoffMaxMillis) {
      this.backoffMaxMillis = backoffMaxMillis;
      return this;
    }

    public SupportConfig build() {
      return new SupportConfig(discordWebhookUrl, pollMillis, claimSeconds, maxAttempts, backoffMaxMillis);
    }
  }
}
