package com.zerolaghub.verticles.config;

import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * Log output (always on stderr, so command output on stdout stays clean).
 *
 * @param mode {@code log.json}: {@code auto}: readable lines in a terminal, one JSON object per line (logstash
 *             format) otherwise (a service, a pipe, a file); {@code true} or {@code false} forces one
 */
public record LogConfig(String mode) {
  public static final String AUTO = "auto";
  public static final String DEFAULT_JSON = AUTO;

  public LogConfig {
    mode = mode == null ? AUTO : mode.trim().toLowerCase(Locale.ROOT);
    if (!mode.equals(AUTO) && !mode.equals("true") && !mode.equals("false")) {
      throw new ConfigException("log.json (ZLH_LOG_JSON) must be auto, true or false, got '" + mode + "'");
    }
  }

  public LogConfig(boolean json) {
    this(Boolean.toString(json));
  }

  public static LogConfig defaults() {
    return new LogConfig(DEFAULT_JSON);
  }

  static LogConfig from(ConfigSection s) {
    return new LogConfig(s.string("json", DEFAULT_JSON));
  }

  /** Whether lines are JSON on this process: {@code auto} asks whether it runs in a terminal. */
  public boolean json() {
    return jsonWhen(Terminal.attached());
  }

  /** Whether lines are JSON when the process does (or does not) run in a terminal. */
  public boolean jsonWhen(boolean terminal) {
    return AUTO.equals(mode) ? !terminal : Boolean.parseBoolean(mode);
  }

  JsonObject toJson() {
    return new JsonObject().put("json", mode);
  }
}
