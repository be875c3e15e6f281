package com.zerolaghub.core.audit;

import java.nio.charset.StandardCharsets;

/**
 * The signed last line. The signature covers the bytes of {@link #signedText}: the trailer's
 * fields in a fixed form, so a verifier rebuilds them without trusting JSON formatting.
 *
 * @param lines number of lines before the trailer (header included)
 * @param last  sha256 hex of the last line before the trailer
 */
public record AuditTrailer(long lines, String last, String keyId) {
  public byte[] signedText() {
    return ("zlh_audit:1\nlines:" + lines + "\nlast:" + last + "\nkeyId:" + keyId).getBytes(StandardCharsets.UTF_8);
  }
}
