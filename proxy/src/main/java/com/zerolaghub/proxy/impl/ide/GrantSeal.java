package com.zerolaghub.proxy.impl.ide;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals a grant's stored value with HMAC-SHA256 under the platform's key, bound to the key it
 * is stored under: whoever can write to Redis but does not hold the key cannot mint a grant,
 * nor move a customer's grant under another key.
 */
final class GrantSeal {
  private static final String ALGORITHM = "HmacSHA256";
  private final SecretKeySpec key;

  GrantSeal(byte[] key) {
    if (key == null || key.length < 32) throw new IllegalArgumentException("the IDE grant key needs at least 32 bytes");
    this.key = new SecretKeySpec(key.clone(), ALGORITHM);
  }

  /** {@code <mac>.<value>}, the MAC in unpadded base64url. */
  String seal(String storeKey, String value) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(storeKey, value)) + "." + value;
  }

  /** The value, when {@code sealed} was sealed under this key for {@code storeKey}. */
  Optional<String> open(String storeKey, String sealed) {
    int dot = sealed.indexOf('.');
    if (dot <= 0) return Optional.empty();
    byte[] presented;
    try {
      presented = Base64.getUrlDecoder().decode(sealed.substring(0, dot));
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
    String value = sealed.substring(dot + 1);
    return MessageDigest.isEqual(presented, mac(storeKey, value)) ? Optional.of(value) : Optional.empty();
  }

  private byte[] mac(String storeKey, String value) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      mac.update(storeKey.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
