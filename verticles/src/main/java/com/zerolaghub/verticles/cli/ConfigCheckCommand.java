package com.zerolaghub.verticles.cli;

import com.zerolaghub.verticles.config.ConfigException;
import com.zerolaghub.verticles.config.PlatformConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Loads the configuration as {@code run} would (defaults → file → environment) and applies the
 * checks a node makes before it connects anywhere, so an operator (or CI) finds a bad file before
 * a restart does. Connects to nothing; prints the configuration with secrets hidden.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = "Validates the configuration (file, ZLH_* environment) without connecting anywhere; exit 0 when a node would accept it.")
final class ConfigCheckCommand implements Callable<Integer> {
  @Mixin ConfigOptions config;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PlatformConfig cfg = config.load(null);
    List<String> problems = new ArrayList<>();
    try {
      cfg.infra().requireOutsideSystems();
    } catch (ConfigException e) {
      problems.add(e.getMessage());
    }
    if (!cfg.infra().simulated()) {
      if (cfg.servers().platformSecret().length() < 32) {
        problems.add("servers.platformSecret (ZLH_SERVERS_PLATFORM_SECRET) must have at least 32 characters with infra.mode proxmox");
      }
      if (!cfg.monitoring().sdTokenConfigured()) {
        problems.add("monitoring.sdToken or monitoring.sdTokenFile is required with infra.mode proxmox (/metrics fails closed)");
      }
    }
    readable(cfg.monitoring().sdTokenFile(), "monitoring.sdTokenFile", problems);
    readable(cfg.billing().auditKeyPath(), "billing.auditKeyPath", problems);
    if (!problems.isEmpty()) {
      throw new ConfigException(String.join("; ", problems));
    }
    spec.commandLine().getOut().println("configuration ok: " + cfg);
    return 0;
  }

  private static void readable(String path, String key, List<String> problems) {
    if (!path.isEmpty() && !Files.isReadable(Path.of(path))) {
      problems.add(key + " " + path + " is not a readable file");
    }
  }
}
