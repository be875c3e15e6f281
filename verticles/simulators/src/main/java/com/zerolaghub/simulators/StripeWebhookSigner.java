package com.zerolaghub.simulators;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook payloads the way Stripe does: {@code Stripe-Signature: t=<unix s>,v1=<hex
 * HMAC-SHA256(secret, "<t>.<payload>")>}. For the simulator, tests and the webhook bench.
 */
public final class StripeWebhookSigner {
  private final String secret;

  public StripeWebhookSigner(String secret) {
    this.secret = secret;
  }

  public String header(String payload, long unixSeconds) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] sig = mac.doFinal((unixSeconds + "." + payload).getBytes(StandardCharsets.UTF_8));
      return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(sig);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is always available", e);
    }
  }
}
