package com.zerolaghub.core.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Ed25519 keys in PEM: private as PKCS#8 ({@code openssl genpkey -algorithm ed25519 -out key.pem}),
 * public as X.509 SubjectPublicKeyInfo ({@code openssl pkey -in key.pem -pubout -out pub.pem}).
 */
public final class Ed25519Keys {
  private Ed25519Keys() {}

  public static PrivateKey readPrivate(Path pem) throws IOException, GeneralSecurityException {
    return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der(Files.readString(pem), "PRIVATE KEY")));
  }

  public static PublicKey readPublic(Path pem) throws IOException, GeneralSecurityException {
    return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der(Files.readString(pem), "PUBLIC KEY")));
  }

  public static String pem(String label, byte[] der) {
    return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(der) + "\n-----END " + label + "-----\n";
  }

  static byte[] der(String pem, String label) {
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    int b = pem.indexOf(begin);
    int e = pem.indexOf(end);
    if (b < 0 || e < b) throw new IllegalArgumentException("not a PEM " + label);
    return Base64.getMimeDecoder().decode(pem.substring(b + begin.length(), e));
  }
}
