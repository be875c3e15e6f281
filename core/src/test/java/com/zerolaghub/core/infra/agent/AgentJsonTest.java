package com.zerolaghub.core.infra.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.core.infra.dns.CloudflareOptions;
import com.zerolaghub.core.infra.velocity.VelocityOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentJsonTest {

  /** The example of AGENT-API.md. */
  private static final String STATUS = """
      {
        "agentVersion": "1.4.2",
        "provisioningComplete": true,
        "containerType": "game",
        "game": {
          "state": "running",
          "uptimeSeconds": 5231,
          "restartBackoffSeconds": 0,
          "lastCrash": {
            "at": "2026-05-03T12:00:00Z", "exitCode": 137, "signal": "SIGKILL",
            "uptimeSeconds": 12, "classification": "oom",
            "logTail": ["last line"]
          }
        },
        "codeServer": { "installed": true, "running": false, "port": 6000 },
        "backup": { "state": "idle", "lastBackupAt": null },
        "operation": { "inProgress": false, "type": null }
      }""";

  @Test
  void readsTheContractsStatus() {
    AgentStatus status = AgentJson.status(new JsonObject(STATUS));

    assertThat(status.agentVersion()).isEqualTo("1.4.2");
    assertThat(status.provisioningComplete()).isTrue();
    assertThat(status.game().state()).isEqualTo(GameState.RUNNING);
    assertThat(status.game().uptimeSeconds()).isEqualTo(5231);
    assertThat(status.game().lastCrash()).isEqualTo(new CrashReport(
        Instant.parse("2026-05-03T12:00:00Z"), 137, "SIGKILL", 12, CrashClassification.OOM, List.of("last line")));
    assertThat(status.codeServer()).isEqualTo(new CodeServerStatus(true, false, 6000));
    assertThat(status.backup()).isEqualTo(new BackupStatus("idle", null));
    assertThat(status.operation()).isEqualTo(new AgentOperation(false, null));
  }

  @Test
  void toleratesMissingBlocksAndUnknownValues() {
    AgentStatus status = AgentJson.status(new JsonObject("{\"game\":{\"state\":\"hibernating\"}}"));

    assertThat(status.game().state()).isEqualTo(GameState.UNKNOWN);
    assertThat(status.game().lastCrash()).isNull();
    assertThat(status.operation().inProgress()).isFalse();
  }

  @Test
  void configPutsTheTokenBesideTheSettings() {
    JsonObject body = AgentJson.config(new AgentConfigRequest("tok", Map.of("variant", "vanilla")));

    assertThat(body.getMap()).containsEntry("agentToken", "tok").containsEntry("variant", "vanilla");
  }

  @Test
  void tokensStayOutOfToString() {
    assertThat(new AgentConfigRequest("tok-123", Map.of()).toString()).doesNotContain("tok-123");
    assertThat(AgentEndpoint.of("10.0.0.5", "tok-123").toString()).doesNotContain("tok-123").contains("10.0.0.5:18888");
    assertThat(CloudflareOptions.of("zone", "cf-456").toString()).doesNotContain("cf-456");
    assertThat(VelocityOptions.of(URI.create("http://edge:8090"), "vel-789").toString()).doesNotContain("vel-789");
  }
}
