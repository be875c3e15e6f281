package com.zerolaghub.verticles.config;

import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * One section of the merged configuration with typed getters. Values from environment
 * variables arrive as strings, so numbers and booleans are accepted in either form; a value
 * that fits neither fails with the key and its environment variable named.
 */
final class ConfigSection {
  private final String name;
  private final JsonObject values;

  ConfigSection(String name, JsonObject values) {
    this.name = name;
    this.values = values == null ? new JsonObject() : values;
  }

  static ConfigSection of(JsonObject root, String name) {
    Object section = root.getValue(name);
    if (section != null && !(section instanceof JsonObject)) {
      throw new ConfigException("configuration section '" + name + "' must be an object");
    }
    return new ConfigSection(name, (JsonObject) section);
  }

  String string(String key, String fallback) {
    Object v = values.getValue(key);
    return v == null ? fallback : v.toString();
  }

  int integer(String key, int fallback) {
    Object v = values.getValue(key);
    if (v == null) return fallback;
    if (v instanceof Number n && n.doubleValue() == n.intValue()) return n.intValue();
    try {
      return Integer.parseInt(v.toString().trim());
    } catch (NumberFormatException e) {
      throw invalid(key, v, "an integer");
    }
  }

  long longValue(String key, long fallback) {
    Object v = values.getValue(key);
    if (v == null) return fallback;
    if (v instanceof Number n && n.doubleValue() == n.longValue()) return n.longValue();
    try {
      return Long.parseLong(v.toString().trim());
    } catch (NumberFormatException e) {
      throw invalid(key, v, "an integer");
    }
  }

  boolean bool(String key, boolean fallback) {
    Object v = values.getValue(key);
    if (v == null) return fallback;
    if (v instanceof Boolean b) return b;
    String s = v.toString().trim().toLowerCase(Locale.ROOT);
    if (s.equals("true")) return true;
    if (s.equals("false")) return false;
    throw invalid(key, v, "true or false");
  }

  private ConfigException invalid(String key, Object value, String expected) {
    // The value is echoed only for non-secret keys (passwords, tokens).
    String lower = key.toLowerCase(Locale.ROOT);
    String shown = lower.contains("password") || lower.endsWith("token") ? "***" : "'" + value + "'";
    return new ConfigException(name + "." + key + " (" + ConfigKeys.envName(name, key) + ") must be " + expected
        + ", got " + shown);
  }
}
