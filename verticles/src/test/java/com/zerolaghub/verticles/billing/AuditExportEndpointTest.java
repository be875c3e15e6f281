package com.zerolaghub.verticles.billing;

import static com.zerolaghub.verticles.billing.BillingNode.START;
import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.core.audit.AuditVerification;
import com.zerolaghub.core.audit.AuditVerifier;
import com.zerolaghub.core.audit.Ed25519Keys;
import com.zerolaghub.events.testing.TestPostgres;
import com.zerolaghub.verticles.audit.AuditCapability;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuditExportEndpointTest {
  KeyPair keys;
  BillingNode node;

  @BeforeEach
  void start() throws Exception {
    keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    Path pem = Files.createTempFile("audit-key", ".pem");
    Files.writeString(pem, Ed25519Keys.pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
    MutableClock clock = new MutableClock(START);
    node = BillingNode.start(TestPostgres.freshDatabase(), clock, new RecordingPorts(),
        BillingNode.config().toBuilder().auditKeyPath(pem.toString()).auditKeyId("k1").build(), new AuditCapability(new HeaderAuthentication(), clock));
  }

  @AfterEach
  void stop() throws Exception {
    node.close();
  }

  @Test
  void adminsGetASignedExportOfTheAccountsBillingHistory() throws Exception {
    node.deliver(StripeEvents.checkoutCompleted("evt_c1", START, "u1", "cus_1", "sub_1", "pro"));
    node.deliver(StripeEvents.checkoutCompleted("evt_c2", START, "u2", "cus_2", "sub_2", "pro"));
    node.deliver(StripeEvents.paymentFailed("evt_f1", START, "in_1", "cus_1", START));
    String query = "/api/admin/audit/export?account=u1&from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z";

    HttpResponse<String> r = node.get(query, "ops", true);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
    byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
    AuditVerification v = AuditVerifier.verify(new ByteArrayInputStream(body), keys.getPublic());
    assertThat(v.ok()).as(v.reason()).isTrue();
    List<String> streams = r.body().lines().skip(1).map(JsonObject::new).filter(j -> j.containsKey("streamType"))
        .map(j -> j.getString("streamType") + "/" + j.getString("streamId")).distinct().toList();
    assertThat(streams).containsExactlyInAnyOrder("stripe-event/evt_c1", "stripe-customer/cus_1", "billing/u1",
        "stripe-event/evt_f1");

    assertThat(node.get(query, "u1", false).statusCode()).isEqualTo(403);
    assertThat(node.get("/api/admin/audit/export?account=u1&from=2100-01-01T00:00:00Z&to=2000-01-01T00:00:00Z", "ops", true)
        .statusCode()).isEqualTo(400);
  }
}
