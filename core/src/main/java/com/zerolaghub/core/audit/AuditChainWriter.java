package com.zerolaghub.core.audit;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;

/**
 * Writes a tamper-evident NDJSON export as it streams: a header line, then each event's JSON
 * object with {@code "prev"} = sha256 hex of the previous line's bytes (without its newline),
 * then a trailer signed with Ed25519. Holds one line at a time.
 */
public final class AuditChainWriter {
  private final OutputStream out;
  private final PrivateKey key;
  private final String keyId;
  private String previousHash;
  private long lines;

  public AuditChainWriter(OutputStream out, PrivateKey key, String keyId, String headerJson) throws IOException {
    this.out = out;
    this.key = key;
    this.keyId = keyId;
    write(headerJson.getBytes(StandardCharsets.UTF_8));
  }

  /** Appends one event: a JSON object text, to which {@code "prev"} is added as its last member. */
  public void append(String eventJson) throws IOException {
    String trimmed = eventJson.strip();
    if (!trimmed.startsWith("{") || !trimmed.endsWith("}")) throw new IllegalArgumentException("an event line is a JSON object");
    String body = trimmed.substring(0, trimmed.length() - 1).strip();
    String sep = body.equals("{") ? "" : ",";
    write((body + sep + "\"prev\":\"" + previousHash + "\"}").getBytes(StandardCharsets.UTF_8));
  }

  /** Writes the signed trailer; the writer is done afterwards. Returns the event lines written. */
  public long finish() throws IOException {
    AuditTrailer t = new AuditTrailer(lines, previousHash, keyId);
    String sig;
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(key);
      s.update(t.signedText());
      sig = Base64.getEncoder().encodeToString(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot sign the audit trailer: " + e.getMessage(), e);
    }
    String line = "{\"trailer\":true,\"lines\":" + t.lines() + ",\"last\":\"" + t.last() + "\",\"signature\":\"" + sig
        + "\",\"keyId\":" + jsonString(keyId) + "}";
    out.write(line.getBytes(StandardCharsets.UTF_8));
    out.write('\n');
    out.flush();
    return lines - 1;
  }

  private void write(byte[] line) throws IOException {
    out.write(line);
    out.write('\n');
    previousHash = Sha256.hex(line);
    lines++;
  }

  static String jsonString(String s) {
    return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + '"';
  }
}
