package com.zerolaghub.core.servers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.zerolaghub.events.EventCodec;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatalogTest {
  @Test
  void theRuntimeCatalogSerializesAsThePortalReadsIt() throws Exception {
    JsonNode json = EventCodec.newMapper().valueToTree(Catalog.defaults());
    assertThat(json.fieldNames()).toIterable().containsExactlyInAnyOrder("variants", "gamePlans", "runtimes", "devPlans", "templates");
    assertThat(json.at("/devPlans/0/id").asText()).isEqualTo("dev-4g");
    assertThat(json.at("/devPlans/2/memoryMib").asInt()).isEqualTo(16384);
    assertThat(json.at("/gamePlans/1/id").asText()).isEqualTo("game-4g");
    assertThat(json.at("/gamePlans/1/memoryMib").asInt()).isEqualTo(4096);
    assertThat(json.at("/variants/2/minMemoryMib").asInt()).isEqualTo(4096);
    assertThat(json.at("/runtimes/0/versions").toString()).isEqualTo("[\"20\",\"22\"]");
    assertThat(json.at("/templates/gameVmid").asInt()).isEqualTo(9000);
    assertThat(json.at("/templates/devVmid").asInt()).isEqualTo(9001);
  }

  @Test
  void quotasComeFromConfigurationWithAFallbackForUnknownPlans() {
    QuotaPolicy q = new QuotaPolicy(Map.of("team", 25), 1);
    assertThat(q.limitFor("team")).isEqualTo(25);
    assertThat(q.limitFor("starter")).isEqualTo(1);
    assertThat(QuotaPolicy.defaults().limitFor("pro")).isEqualTo(10);
  }
}
