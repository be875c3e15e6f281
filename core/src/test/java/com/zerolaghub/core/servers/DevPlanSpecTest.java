package com.zerolaghub.core.servers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zerolaghub.events.EventCodec;
import com.zerolaghub.events.servers.ServerSpec;
import org.junit.jupiter.api.Test;

/** Dev specs recorded before dev plans existed read as the default plan, and keep their idempotency fingerprint. */
class DevPlanSpecTest {
  final ObjectMapper json = EventCodec.newMapper();

  @Test
  void aDevSpecRecordedWithoutAPlanReadsAsTheDefaultPlan() throws Exception {
    ServerSpec old = json.readValue("{\"kind\":\"dev\",\"name\":\"lab\",\"runtime\":\"node\",\"version\":\"22\",\"codeServer\":true}",
        ServerSpec.class);
    assertThat(((ServerSpec.Dev) old).plan()).isNull();
    assertThat(Catalog.defaults().resourcesFor(old).id()).isEqualTo("dev-4g");
    assertThat(json.writeValueAsString(old)).doesNotContain("plan");
    ServerSpec sized = new ServerSpec.Dev("lab", "dotnet", "8.0", true, "dev-16g");
    assertThat(json.readValue(json.writeValueAsString(sized), ServerSpec.class)).isEqualTo(sized);
    assertThat(Catalog.defaults().resourcesFor(sized).memoryMib()).isEqualTo(16384);
  }

  @Test
  void aRequestWithoutAPlanKeepsTheFingerprintItHadBeforeDevPlans() {
    // SHA-256 of "create-server/v1|3:dev|3:lab|4:node|2:22|4:true", the form before the plan field existed
    assertThat(RequestFingerprint.of(new ServerSpec.Dev("lab", "node", "22", true)))
        .isEqualTo("04256fe4070bed2b73cdd32f2f449f4afd2f995dc9119da7adcdd547c819c032")
        .isNotEqualTo(RequestFingerprint.of(new ServerSpec.Dev("lab", "node", "22", true, "dev-4g")));
  }
}
