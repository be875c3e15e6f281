package com.zerolaghub.verticles.audit;

import com.zerolaghub.core.audit.Ed25519Keys;
import java.nio.file.Path;
import java.security.PrivateKey;

/** The Ed25519 key exports are signed with, and the id written beside each signature. */
public record AuditSigningKey(PrivateKey key, String keyId) {
  public static AuditSigningKey load(String pemPath, String keyId) throws Exception {
    if (pemPath == null || pemPath.isBlank()) {
      throw new IllegalStateException("no audit signing key: set billing.auditKeyPath (create one with "
          + "'openssl genpkey -algorithm ed25519 -out audit-key.pem')");
    }
    return new AuditSigningKey(Ed25519Keys.readPrivate(Path.of(pemPath)), keyId);
  }
}
