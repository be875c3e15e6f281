package com.zerolaghub.verticles.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Merges the configuration layers with vertx-config, later layers winning key by key:
 * built-in defaults → the file ({@code --config FILE} or {@code ZLH_CONFIG}; YAML or JSON) →
 * {@code ZLH_<SECTION>_<KEY>} environment variables → command-line options.
 */
public final class ConfigLoader {
  /** Environment variable naming the configuration file when {@code --config} is not given. */
  public static final String CONFIG_FILE_ENV = "ZLH_CONFIG";

  private ConfigLoader() {}

  /**
   * @param file      the {@code --config} file, or null to use {@code ZLH_CONFIG} if set
   * @param env       the process environment (a map, so tests can pass their own)
   * @param overrides command-line options as a nested document ({@code {"http":{"port":9090}}})
   */
  public static Future<PlatformConfig> load(Vertx vertx, Path file, Map<String, String> env, JsonObject overrides) {
    Path configFile = file != null ? file : fileFromEnv(env);
    ConfigRetrieverOptions options = new ConfigRetrieverOptions().setScanPeriod(0).setIncludeDefaultStores(false);
    options.addStore(json(PlatformConfig.defaults().toJson()));
    if (configFile != null) {
      if (!Files.isRegularFile(configFile)) {
        return Future.failedFuture(new ConfigException("configuration file " + configFile + " does not exist"));
      }
      options.addStore(new ConfigStoreOptions().setType("file").setFormat(formatOf(configFile))
          .setConfig(new JsonObject().put("path", configFile.toString())));
    }
    options.addStore(json(ConfigKeys.fromEnvironment(env)));
    options.addStore(json(overrides == null ? new JsonObject() : overrides));

    ConfigRetriever retriever = ConfigRetriever.create(vertx, options);
    return retriever.getConfig()
        .recover(err -> Future.failedFuture(new ConfigException(
            "cannot read configuration" + (configFile == null ? "" : " from " + configFile) + ": " + err.getMessage(), err)))
        .map(merged -> {
          rejectUnknownKeys(merged);
          return PlatformConfig.fromJson(merged);
        })
        .onComplete(ar -> retriever.close());
  }

  private static Path fileFromEnv(Map<String, String> env) {
    String value = env.get(CONFIG_FILE_ENV);
    return value == null || value.isBlank() ? null : Path.of(value);
  }

  private static String formatOf(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".yaml") || name.endsWith(".yml") ? "yaml" : "json";
  }

  private static ConfigStoreOptions json(JsonObject values) {
    return new ConfigStoreOptions().setType("json").setConfig(values);
  }

  /** A misspelt key would otherwise be ignored silently and its default used. */
  static void rejectUnknownKeys(JsonObject merged) {
    Map<String, List<String>> known = ConfigKeys.namesBySection();
    for (String section : merged.fieldNames()) {
      if (!known.containsKey(section)) {
        throw new ConfigException("unknown configuration section '" + section + "'; known: " + known.keySet());
      }
      Object values = merged.getValue(section);
      if (!(values instanceof JsonObject)) {
        throw new ConfigException("configuration section '" + section + "' must be an object");
      }
      for (String key : ((JsonObject) values).fieldNames()) {
        if (!known.get(section).contains(key)) {
          throw new ConfigException("unknown configuration key '" + section + "." + key + "'; known in " + section + ": "
              + known.get(section));
        }
      }
    }
  }
}
