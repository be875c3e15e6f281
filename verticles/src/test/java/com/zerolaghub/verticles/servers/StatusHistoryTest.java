package com.zerolaghub.verticles.servers;

import static com.zerolaghub.verticles.servers.ServersNode.eventually;
import static com.zerolaghub.verticles.servers.ServersNode.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.simulators.FaultPlan;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("a server's status tells its last backup, last restore and last failure")
class StatusHistoryTest {
  private static ServersNode node;

  @BeforeAll
  static void start() throws Exception {
    node = ServersNode.start();
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  @Test
  void backupAndRestoreAppearWithStateAndTimeAndARefusedRestoreIsTheLastFailure() throws Exception {
    String user = ServersNode.newUser();
    String id = node.ready(user, ServersNode.game("history")).getString("serverId");
    String status = "/api/servers/" + id + "/status";
    JsonObject fresh = json(node.get(user, status));
    assertThat(fresh.containsKey("lastBackup")).as(fresh.encode()).isTrue();
    assertThat(fresh.getValue("lastBackup")).isNull();
    assertThat(fresh.getValue("lastRestore")).isNull();
    assertThat(fresh.getValue("lastFailure")).isNull();

    HttpResponse<String> backup = node.send(user, "POST", "/api/servers/" + id + "/backups", null);
    assertThat(backup.statusCode()).as(backup.body()).isEqualTo(202);
    String backupId = json(backup).getString("backupId");
    eventually("the backup is completed in the status", 10, () -> {
      JsonObject last = json(node.get(user, status)).getJsonObject("lastBackup");
      assertThat(last.getString("backupId")).isEqualTo(backupId);
      assertThat(last.getString("state")).isEqualTo("completed");
      assertThat(last.getString("at")).isNotBlank();
      assertThat(last.getString("requestedAt")).isNotBlank();
    });

    assertThat(node.send(user, "POST", "/api/servers/" + id + "/backups/" + backupId + "/restore", null).statusCode()).isEqualTo(202);
    eventually("the restore is completed in the status", 10, () -> {
      JsonObject last = json(node.get(user, status)).getJsonObject("lastRestore");
      assertThat(last.getString("backupId")).isEqualTo(backupId);
      assertThat(last.getString("state")).isEqualTo("completed");
    });

    HttpResponse<String> refused = node.send(user, "POST", "/api/servers/" + id + "/backups/bk-none/restore", null);
    assertThat(refused.statusCode()).isGreaterThanOrEqualTo(400);
    JsonObject after = json(node.get(user, status));
    assertThat(after.getJsonObject("lastRestore").getString("state")).isEqualTo("failed");
    assertThat(after.getJsonObject("lastRestore").getString("backupId")).isEqualTo("bk-none");
    assertThat(after.getJsonObject("lastFailure").getString("what")).isEqualTo("backup-restore");
    assertThat(after.getJsonObject("lastFailure").getString("reason")).isNotBlank();
    assertThat(after.getJsonObject("lastBackup").getString("state")).isEqualTo("completed");
  }

  @Test
  void aFailedProvisioningIsTheLastFailureWithItsStepAndReason() throws Exception {
    String user = ServersNode.newUser();
    node.sims().cloudflare().faults(FaultPlan.none().failing("POST", "/dns_records$", 500));
    JsonObject accepted;
    try {
      accepted = node.create(user, ServersNode.game("nodns"));
      assertThat(node.awaitFinished(user, accepted.getString("operationId"), 20).getString("status")).isEqualTo("failed");
    } finally {
      node.sims().cloudflare().faults(FaultPlan.none());
    }
    JsonObject failure = json(node.get(user, "/api/servers/" + accepted.getString("serverId") + "/status")).getJsonObject("lastFailure");
    assertThat(failure.getString("what")).isEqualTo("provision");
    assertThat(failure.getString("phase")).isEqualTo("publish-dns");
    assertThat(failure.getString("reason")).contains("500");
    assertThat(failure.getString("at")).isNotBlank();
  }
}
