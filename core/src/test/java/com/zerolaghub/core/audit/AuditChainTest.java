package com.zerolaghub.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AuditChainTest {
  static KeyPair keys;

  @BeforeAll
  static void keys() throws Exception {
    keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
  }

  static byte[] export(int events) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AuditChainWriter w = new AuditChainWriter(out, keys.getPrivate(), "test-key",
        "{\"zlh_audit\":1,\"account\":\"u1\",\"from\":\"2026-01-01T00:00:00Z\",\"to\":\"2026-02-01T00:00:00Z\"}");
    for (int i = 1; i <= events; i++) {
      w.append("{\"position\":" + i + ",\"type\":\"billing.invoice-paid\",\"payload\":{\"n\":\"é" + i + "\"}}");
    }
    w.finish();
    return out.toByteArray();
  }

  static AuditVerification verify(byte[] file) throws Exception {
    return AuditVerifier.verify(new ByteArrayInputStream(file), keys.getPublic());
  }

  @Test
  void anUntouchedExportVerifies() throws Exception {
    byte[] file = export(5);
    AuditVerification v = verify(file);
    assertThat(v.ok()).as(v.reason()).isTrue();
    assertThat(v.events()).isEqualTo(5);
    List<String> lines = new String(file, StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(7);
    assertThat(lines.get(1)).contains("\"prev\":\"");
    assertThat(lines.get(6)).startsWith("{\"trailer\":true,\"lines\":6,");
  }

  @Test
  void anEmptyPeriodStillHasHeaderAndSignedTrailer() throws Exception {
    assertThat(verify(export(0)).ok()).isTrue();
  }

  @Test
  void changingAnyByteOfHeaderOrEventsFailsAtThatLine() throws Exception {
    byte[] file = export(4);
    String text = new String(file, StandardCharsets.UTF_8);
    int trailerStart = text.lastIndexOf("{\"trailer\"");
    int line = 1;
    for (int i = 0; i < file.length; i++) {
      if (i >= trailerStart) break;
      byte[] copy = file.clone();
      copy[i] = (byte) (copy[i] == 'x' ? 'y' : 'x');
      AuditVerification v = verify(copy);
      assertThat(v.ok()).as("byte %d changed", i).isFalse();
      // A changed newline joins two lines: the joined one is the bad one.
      assertThat(v.line()).as("byte %d changed: %s", i, v.reason()).isEqualTo(line);
      if (file[i] == '\n') line++;
    }
  }

  @Test
  void changingTheTrailerFailsAtTheTrailer() throws Exception {
    byte[] file = export(3);
    String text = new String(file, StandardCharsets.UTF_8);
    for (String field : List.of("\"lines\":4", "\"last\":\"", "\"keyId\":\"test-key")) {
      int at = text.lastIndexOf(field) + field.length() - 1;
      byte[] copy = file.clone();
      copy[at] = (byte) (copy[at] == '4' ? '3' : '4');
      AuditVerification v = verify(copy);
      assertThat(v.ok()).isFalse();
      assertThat(v.line()).as(field + ": " + v.reason()).isEqualTo(5);
    }
  }

  @Test
  void aTruncatedExportOrAnotherKeyFails() throws Exception {
    byte[] file = export(3);
    String text = new String(file, StandardCharsets.UTF_8);
    byte[] cut = text.substring(0, text.lastIndexOf("{\"trailer\"")).getBytes(StandardCharsets.UTF_8);
    assertThat(verify(cut).ok()).isFalse();
    KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    assertThat(AuditVerifier.verify(new ByteArrayInputStream(file), other.getPublic()).ok()).isFalse();
  }

  @Test
  void pemKeysRoundTrip() throws Exception {
    Path dir = Files.createTempDirectory("keys");
    Path priv = dir.resolve("k.pem");
    Path pub = dir.resolve("p.pem");
    Files.writeString(priv, Ed25519Keys.pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
    Files.writeString(pub, Ed25519Keys.pem("PUBLIC KEY", keys.getPublic().getEncoded()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AuditChainWriter w = new AuditChainWriter(out, Ed25519Keys.readPrivate(priv), "k", "{\"zlh_audit\":1}");
    w.append("{\"a\":1}");
    w.finish();
    assertThat(AuditVerifier.verify(new ByteArrayInputStream(out.toByteArray()), Ed25519Keys.readPublic(pub)).ok()).isTrue();
  }
}
