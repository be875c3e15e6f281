package com.zerolaghub.verticles.config;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;

/**
 * Local state of the node.
 *
 * @param dir directory of the embedded PostgreSQL's data and remembered ports
 */
public record DataConfig(String dir) {
  public static final String DEFAULT_DIR = "./data";

  public DataConfig {
    if (dir == null || dir.isBlank()) throw new ConfigException("data.dir must not be empty");
  }

  public static DataConfig defaults() {
    return new DataConfig(DEFAULT_DIR);
  }

  static DataConfig from(ConfigSection s) {
    return new DataConfig(s.string("dir", DEFAULT_DIR));
  }

  JsonObject toJson() {
    return new JsonObject().put("dir", dir);
  }

  public Path path() {
    return Path.of(dir).toAbsolutePath().normalize();
  }
}
