package com.zerolaghub.verticles.config;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * Stripe billing, dunning and the audit export's signing key.
 *
 * @param stripeApiKey              secret API key (sk_…); never logged
 * @param stripeApiBase             Stripe API base URL; empty = the real API, else e.g. the simulator's
 * @param webhookSecret             webhook signing secret (whsec_…); never logged; empty refuses every webhook
 * @param webhookToleranceSeconds   largest accepted age of a webhook signature timestamp
 * @param warning                   time in {@code warning} before {@code final_warning} (ISO-8601 duration)
 * @param finalWarning              time in {@code final_warning} before {@code suspended}
 * @param checkInterval             how often the enforcement worker looks for due escalations
 * @param checkoutSuccessUrl        where Stripe Checkout sends the customer after paying
 * @param checkoutCancelUrl         where it sends them when they cancel
 * @param auditKeyPath              Ed25519 private key, PKCS#8 PEM, signing audit exports; empty disables exports
 * @param auditKeyId                key id written into export trailers
 */
public record BillingConfig(String stripeApiKey, String stripeApiBase, String webhookSecret, long webhookToleranceSeconds,
                            Duration warning, Duration finalWarning, Duration checkInterval, String checkoutSuccessUrl,
                            String checkoutCancelUrl, String auditKeyPath, String auditKeyId) {

  public static BillingConfig defaults() {
    return new BillingConfig("", "", "", 300, Duration.ofDays(3), Duration.ofDays(4), Duration.ofMinutes(1),
        "http://localhost:8080/billing/done", "http://localhost:8080/billing/cancelled", "", "zlh-audit-1");
  }

  public BillingConfig {
    if (webhookToleranceSeconds < 1) throw new ConfigException("billing.webhookToleranceSeconds must be positive");
    if (checkInterval.isNegative() || checkInterval.isZero()) throw new ConfigException("billing.checkInterval must be positive");
  }

  static BillingConfig from(ConfigSection s) {
    BillingConfig d = defaults();
    return new BillingConfig(s.string("stripeApiKey", d.stripeApiKey), s.string("stripeApiBase", d.stripeApiBase),
        s.string("webhookSecret", d.webhookSecret), s.longValue("webhookToleranceSeconds", d.webhookToleranceSeconds),
        duration(s, "warning", d.warning), duration(s, "finalWarning", d.finalWarning),
        duration(s, "checkInterval", d.checkInterval), s.string("checkoutSuccessUrl", d.checkoutSuccessUrl),
        s.string("checkoutCancelUrl", d.checkoutCancelUrl), s.string("auditKeyPath", d.auditKeyPath),
        s.string("auditKeyId", d.auditKeyId));
  }

  private static Duration duration(ConfigSection s, String key, Duration fallback) {
    String v = s.string(key, null);
    if (v == null) return fallback;
    try {
      return Duration.parse(v.trim());
    } catch (DateTimeParseException e) {
      throw new ConfigException("billing." + key + " (" + ConfigKeys.envName("billing", key)
          + ") must be an ISO-8601 duration such as P3D or PT10M, got '" + v + "'");
    }
  }

  JsonObject toJson() {
    return new JsonObject().put("stripeApiKey", stripeApiKey).put("stripeApiBase", stripeApiBase)
        .put("webhookSecret", webhookSecret).put("webhookToleranceSeconds", webhookToleranceSeconds)
        .put("warning", warning.toString()).put("finalWarning", finalWarning.toString())
        .put("checkInterval", checkInterval.toString()).put("checkoutSuccessUrl", checkoutSuccessUrl)
        .put("checkoutCancelUrl", checkoutCancelUrl).put("auditKeyPath", auditKeyPath).put("auditKeyId", auditKeyId);
  }

  @Override
  public String toString() {
    return "BillingConfig[stripeApiKey=" + (stripeApiKey.isEmpty() ? "" : "***") + ", stripeApiBase=" + stripeApiBase
        + ", webhookSecret=" + (webhookSecret.isEmpty() ? "" : "***") + ", webhookToleranceSeconds=" + webhookToleranceSeconds
        + ", warning=" + warning + ", finalWarning=" + finalWarning + ", checkInterval=" + checkInterval
        + ", auditKeyPath=" + auditKeyPath + ", auditKeyId=" + auditKeyId + "]";
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
    private String stripeApiKey;
    private String stripeApiBase;
    private String webhookSecret;
    private long webhookToleranceSeconds;
    private Duration warning;
    private Duration finalWarning;
    private Duration checkInterval;
    private String checkoutSuccessUrl;
    private String checkoutCancelUrl;
    private String auditKeyPath;
    private String auditKeyId;

    private Builder(BillingConfig values) {
      stripeApiKey = values.stripeApiKey;
      stripeApiBase = values.stripeApiBase;
      webhookSecret = values.webhookSecret;
      webhookToleranceSeconds = values.webhookToleranceSeconds;
      warning = values.warning;
      finalWarning = values.finalWarning;
      checkInterval = values.checkInterval;
      checkoutSuccessUrl = values.checkoutSuccessUrl;
      checkoutCancelUrl = values.checkoutCancelUrl;
      auditKeyPath = values.auditKeyPath;
      auditKeyId = values.auditKeyId;
    }

    public Builder stripeApiKey(String stripeApiKey) {
      this.stripeApiKey = stripeApiKey;
      return this;
    }

    public Builder stripeApiBase(String stripeApiBase) {
      this.stripeApiBase = stripeApiBase;
      return this;
    }

    public Builder webhookSecret(String webhookSecret) {
      this.webhookSecret = webhookSecret;
      return this;
    }

    public Builder webhookToleranceSeconds(long webhookToleranceSeconds) {
      this.webhookToleranceSeconds = webhookToleranceSeconds;
      return this;
    }

    public Builder warning(Duration warning) {
      this.warning = warning;
      return this;
    }

    public Builder finalWarning(Duration finalWarning) {
      this.finalWarning = finalWarning;
      return this;
    }

    public Builder checkInterval(Duration checkInterval) {
      this.checkInterval = checkInterval;
      return this;
    }

    public Builder checkoutSuccessUrl(String checkoutSuccessUrl) {
      this.checkoutSuccessUrl = checkoutSuccessUrl;
      return this;
    }

    public Builder checkoutCancelUrl(String checkoutCancelUrl) {
      this.checkoutCancelUrl = checkoutCancelUrl;
      return this;
    }

    public Builder auditKeyPath(String auditKeyPath) {
      this.auditKeyPath = auditKeyPath;
      return this;
    }

    public Builder auditKeyId(String auditKeyId) {
      this.auditKeyId = auditKeyId;
      return this;
    }

    public BillingConfig build() {
      return new BillingConfig(stripeApiKey, stripeApiBase, webhookSecret, webhookToleranceSeconds, warning, finalWarning, checkInterval, checkoutSuccessUrl, checkoutCancelUrl, auditKeyPath, auditKeyId);
    }
  }
}
