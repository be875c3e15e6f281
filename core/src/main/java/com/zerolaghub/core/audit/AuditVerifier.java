package com.zerolaghub.core.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/**
 * Checks an export, streaming: the header, each line's {@code prev} against the hash of the
 * bytes of the line before it, then the trailer's count, last hash and signature, and names the
 * first altered line. A broken link between lines i-1 and i means either line i-1 changed or
 * line i's {@code prev} did; the next link tells which (an altered line i also breaks i → i+1),
 * and for the trailer the signature over {@code last} does.
 */
public final class AuditVerifier {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AuditVerifier() {}

  public static AuditVerification verify(InputStream input, PublicKey key) throws IOException {
    InputStream in = input instanceof BufferedInputStream ? input : new BufferedInputStream(input, 1 << 16);
    long lineNo = 0;
    String prevHash = null;
    long suspect = 0; // line whose link to its predecessor broke, awaiting the next link's verdict
    byte[] line;
    while ((line = readLine(in)) != null) {
      lineNo++;
      JsonNode node;
      try {
        node = JSON.readTree(line);
      } catch (IOException e) {
        return AuditVerification.bad(suspect > 0 ? suspect : lineNo, "not valid JSON");
      }
      if (node == null || !node.isObject()) return AuditVerification.bad(suspect > 0 ? suspect : lineNo, "not a JSON object");
      if (lineNo == 1) {
        if (node.path("zlh_audit").asInt(0) != 1) return AuditVerification.bad(1, "not a zlh audit header");
        prevHash = Sha256.hex(line);
        continue;
      }
      if (node.path("trailer").asBoolean(false)) {
        return checkTrailer(in, node, lineNo, prevHash, suspect, key);
      }
      boolean linked = prevHash.equals(node.path("prev").asText(null));
      if (suspect > 0) {
        return AuditVerification.bad(linked ? suspect - 1 : suspect,
            linked ? "content altered (its hash no longer matches the next line's prev)" : "prev hash altered");
      }
      if (!linked) suspect = lineNo;
      prevHash = Sha256.hex(line);
    }
    if (lineNo == 0) return AuditVerification.bad(1, "empty file");
    return AuditVerification.bad(suspect > 0 ? suspect : lineNo + 1, "no signed trailer (file truncated?)");
  }

  private static AuditVerification checkTrailer(InputStream in, JsonNode trailer, long lineNo, String prevHash, long suspect,
      PublicKey key) throws IOException {
    long lines = trailer.path("lines").asLong(-1);
    String last = trailer.path("last").asText("");
    boolean signed = signatureValid(trailer, key);
    if (!signed) return AuditVerification.bad(suspect > 0 ? suspect : lineNo, "trailer signature does not verify with this public key");
    if (suspect > 0) {
      // A validly signed last hash that matches the suspect line vouches for it: the line before changed.
      boolean linked = last.equals(prevHash);
      return AuditVerification.bad(linked ? suspect - 1 : suspect, linked ? "content altered" : "prev hash altered");
    }
    if (!last.equals(prevHash)) return AuditVerification.bad(lineNo - 1, "content altered (hash differs from the signed trailer)");
    if (lines != lineNo - 1) return AuditVerification.bad(lineNo, "trailer counts " + lines + " lines, found " + (lineNo - 1));
    if (readLine(in) != null) return AuditVerification.bad(lineNo + 1, "content after the trailer");
    return AuditVerification.good(lines - 1);
  }

  private static boolean signatureValid(JsonNode trailer, PublicKey key) {
    AuditTrailer t = new AuditTrailer(trailer.path("lines").asLong(-1), trailer.path("last").asText(""),
        trailer.path("keyId").asText(""));
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initVerify(key);
      s.update(t.signedText());
      return s.verify(Base64.getDecoder().decode(trailer.path("signature").asText("")));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      return false;
    }
  }

  /** One line without its '\n' (bytes as written), or null at the end. */
  private static byte[] readLine(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream(512);
    int b;
    boolean any = false;
    while ((b = in.read()) != -1) {
      any = true;
      if (b == '\n') return buf.toByteArray();
      buf.write(b);
    }
    return any ? buf.toByteArray() : null;
  }
}
