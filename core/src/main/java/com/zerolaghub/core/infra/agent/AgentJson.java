package com.zerolaghub.core.infra.agent;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Maps the agent's JSON bodies (AGENT-API.md) to records, tolerating missing blocks and unknown values. */
final class AgentJson {
  private AgentJson() {}

  static AgentStatus status(JsonObject body) {
    JsonObject game = object(body, "game");
    JsonObject codeServer = object(body, "codeServer");
    JsonObject backup = object(body, "backup");
    JsonObject operation = object(body, "operation");
    return new AgentStatus(
        body.getString("agentVersion"),
        body.getBoolean("provisioningComplete", false),
        body.getString("containerType"),
        new GameStatus(
            GameState.fromWire(game.getString("state")),
            number(game.getValue("uptimeSeconds")),
            (int) number(game.getValue("restartBackoffSeconds")),
            game.getValue("lastCrash") instanceof JsonObject crash ? crash(crash) : null),
        new CodeServerStatus(
            codeServer.getBoolean("installed", false),
            codeServer.getBoolean("running", false),
            (int) number(codeServer.getValue("port"))),
        new BackupStatus(backup.getString("state"), instant(backup.getValue("lastBackupAt"))),
        new AgentOperation(operation.getBoolean("inProgress", false), operation.getString("type")));
  }

  static CrashReport crash(JsonObject crash) {
    List<String> tail = new ArrayList<>();
    JsonArray lines = crash.getJsonArray("logTail", new JsonArray());
    for (Object line : lines) {
      tail.add(String.valueOf(line));
    }
    Object exitCode = crash.getValue("exitCode");
    return new CrashReport(
        instant(crash.getValue("at")),
        exitCode instanceof Number n ? n.intValue() : null,
        crash.getString("signal"),
        number(crash.getValue("uptimeSeconds")),
        CrashClassification.fromWire(crash.getString("classification")),
        tail);
  }

  static List<AgentFileEntry> files(JsonArray body) {
    List<AgentFileEntry> entries = new ArrayList<>();
    for (Object item : body) {
      if (item instanceof JsonObject f) {
        entries.add(new AgentFileEntry(
            f.getString("name"), f.getString("type"), number(f.getValue("size")), instant(f.getValue("modified"))));
      }
    }
    return List.copyOf(entries);
  }

  static List<AgentBackup> backups(JsonArray body) {
    List<AgentBackup> backups = new ArrayList<>();
    for (Object item : body) {
      if (item instanceof JsonObject b) {
        backups.add(new AgentBackup(
            b.getString("backupId"), instant(b.getValue("createdAt")), number(b.getValue("sizeBytes")), b.getString("state")));
      }
    }
    return List.copyOf(backups);
  }

  static JsonObject config(AgentConfigRequest config) {
    JsonObject body = new JsonObject();
    for (Map.Entry<String, Object> setting : config.settings().entrySet()) {
      body.put(setting.getKey(), setting.getValue());
    }
    return body.put("agentToken", config.agentToken());
  }

  private static JsonObject object(JsonObject body, String key) {
    return body.getValue(key) instanceof JsonObject inner ? inner : new JsonObject();
  }

  private static long number(Object value) {
    return value instanceof Number n ? n.longValue() : 0;
  }

  /** ISO-8601 text or epoch seconds; null when absent or unreadable. */
  private static Instant instant(Object value) {
    if (value instanceof Number n) {
      return Instant.ofEpochSecond(n.longValue());
    }
    if (value instanceof String text) {
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException unreadable) {
        return null;
      }
    }
    return null;
  }
}
