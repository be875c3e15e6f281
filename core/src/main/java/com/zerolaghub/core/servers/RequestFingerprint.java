package com.zerolaghub.core.servers;

import com.zerolaghub.events.servers.ServerSpec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of a create request's canonical form: the parsed fields in a fixed order, each length
 * prefixed, so key order or whitespace in the JSON body never changes it.
 */
public final class RequestFingerprint {
  private RequestFingerprint() {}

  public static String of(ServerSpec spec) {
    StringBuilder b = new StringBuilder("create-server/v1");
    field(b, spec.kind().wireName());
    field(b, spec.name());
    if (spec instanceof ServerSpec.Game g) {
      field(b, g.variant());
      field(b, g.plan());
    } else if (spec instanceof ServerSpec.Dev d) {
      field(b, d.runtime());
      field(b, d.version());
      field(b, Boolean.toString(d.codeServer()));
      if (d.plan() != null) field(b, d.plan()); // absent before dev plans: earlier keys keep their fingerprint
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }

  private static void field(StringBuilder b, String value) {
    String v = value == null ? "" : value;
    b.append('|').append(value == null ? -1 : v.length()).append(':').append(v);
  }
}
