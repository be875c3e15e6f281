package com.zerolaghub.verticles.cli;

import com.zerolaghub.verticles.config.ConfigLoader;
import com.zerolaghub.verticles.config.PlatformConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Option;

/** Options every command that needs the configuration shares. */
final class ConfigOptions {
  @Option(names = "--config", paramLabel = "FILE",
      description = "YAML or JSON configuration file (default: $ZLH_CONFIG, else none).")
  Path configFile;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (default: ./data).")
  Path dataDir;

  /** Loads defaults → file → environment → these options (+ {@code extra} command options). */
  PlatformConfig load(JsonObject extra) throws Exception {
    JsonObject overrides = extra == null ? new JsonObject() : extra.copy();
    if (dataDir != null) overrides.put("data", new JsonObject().put("dir", dataDir.toString()));
    Vertx vertx = Vertx.vertx();
    try {
      return ConfigLoader.load(vertx, configFile, System.getenv(), overrides)
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } finally {
      vertx.close();
    }
  }
}
