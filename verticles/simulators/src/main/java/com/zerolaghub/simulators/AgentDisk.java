package com.zerolaghub.simulators;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a simulated agent keeps on its container's disk, so it survives container stop/start: the
 * server root with the game/dev files, the applied config and token, backups and the last crash.
 * Created (and its temp directory seeded) when a container is cloned, deleted with it.
 */
final class AgentDisk {
  /** A backup kept under {@link #backupsDir()}. */
  record Backup(String backupId, String createdAt, long sizeBytes, String state) {
    JsonObject toJson() {
      return new JsonObject().put("backupId", backupId).put("createdAt", createdAt)
          .put("sizeBytes", sizeBytes).put("state", state);
    }
  }

  private final Path home;
  private final String containerType;
  private String bootstrapToken;
  private String configuredToken;
  private JsonObject appliedConfig;
  private int configChanges;
  private boolean codeServerWanted;
  private JsonObject lastCrash;
  private String lastBackupAt;
  private final List<Backup> backups = new ArrayList<>();

  private AgentDisk(Path home, String containerType) {
    this.home = home;
    this.containerType = containerType;
  }

  /** A fresh disk in a new temp directory, seeded like a template would be. Blocking I/O. */
  static AgentDisk create(String containerType, String bootstrapToken) {
    try {
      Path home = Files.createTempDirectory("zlh-sim-agent-");
      AgentDisk disk = new AgentDisk(home, containerType);
      disk.bootstrapToken = bootstrapToken;
      Files.createDirectories(disk.root());
      Files.createDirectories(disk.backupsDir());
      if ("dev".equals(containerType)) {
        Files.createDirectories(disk.root().resolve("workspace"));
        write(disk.root().resolve("workspace/README.md"), "# workspace\n");
      } else {
        Files.createDirectories(disk.root().resolve("world"));
        write(disk.root().resolve("server.properties"), "motd=A ZeroLagHub server\nmax-players=20\n");
        write(disk.root().resolve("world/level.dat"), "level");
        write(disk.root().resolve("eula.txt"), "eula=true\n");
      }
      return disk;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
  }

  /** Deletes everything. Blocking I/O. */
  void destroy() {
    try (Stream<Path> walk = Files.walk(home)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // temp files; nothing else to do
    }
  }

  Path root() {
    return home.resolve("server");
  }

  Path backupsDir() {
    return home.resolve("backups");
  }

  String containerType() {
    return containerType;
  }

  synchronized void bootstrapToken(String token) {
    this.bootstrapToken = token;
  }

  /**
   * {@code PUT /token}: an unclaimed agent takes {@code token}; a claimed one only when
   * {@code presented} is its current token (then {@code token} replaces it). False: refused.
   */
  synchronized boolean claim(String token, String presented) {
    if (currentToken() == null) {
      bootstrapToken = token;
      return true;
    }
    if (!accepts(presented)) {
      return false;
    }
    if (configuredToken != null) {
      configuredToken = token;
    } else {
      bootstrapToken = token;
    }
    return true;
  }

  /** The token the agent accepts now: the configured one once a config arrived, the bootstrap token before. */
  synchronized String currentToken() {
    return configuredToken != null ? configuredToken : bootstrapToken;
  }

  synchronized boolean accepts(String token) {
    String current = currentToken();
    return current != null && token != null
        && MessageDigest.isEqual(current.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
  }

  /** Applies a config; false when it equals the one already applied (nothing changes). */
  synchronized boolean applyConfig(JsonObject config) {
    if (config.equals(appliedConfig)) {
      return false;
    }
    appliedConfig = config.copy();
    configuredToken = config.getString("agentToken");
    Object codeServer = config.getValue("codeServer");
    codeServerWanted = Boolean.TRUE.equals(codeServer)
        || (codeServer instanceof JsonObject o && o.getBoolean("enabled", false));
    configChanges++;
    return true;
  }

  synchronized JsonObject appliedConfig() {
    return appliedConfig == null ? null : appliedConfig.copy();
  }

  synchronized boolean provisioningComplete() {
    return appliedConfig != null;
  }

  synchronized int configChanges() {
    return configChanges;
  }

  synchronized boolean codeServerWanted() {
    return codeServerWanted;
  }

  synchronized void codeServerWanted(boolean wanted) {
    this.codeServerWanted = wanted;
  }

  synchronized JsonObject lastCrash() {
    return lastCrash == null ? null : lastCrash.copy();
  }

  synchronized void lastCrash(JsonObject crash) {
    this.lastCrash = crash;
  }

  synchronized String lastBackupAt() {
    return lastBackupAt;
  }

  synchronized List<Backup> backups() {
    return List.copyOf(backups);
  }

  synchronized void putBackup(Backup backup) {
    backups.removeIf(b -> b.backupId().equals(backup.backupId()));
    backups.add(backup);
    if ("completed".equals(backup.state())) {
      lastBackupAt = backup.createdAt();
    }
  }
}
