package com.zerolaghub.verticles.config;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The configuration keys, derived from the defaults so a new key needs no second list, and
 * their environment variables: {@code ZLH_<SECTION>_<KEY>} with the key in upper snake case
 * ({@code http.bodyLimitBytes} → {@code ZLH_HTTP_BODY_LIMIT_BYTES}).
 */
public final class ConfigKeys {
  public static final String ENV_PREFIX = "ZLH_";

  private ConfigKeys() {}

  /** One key: its section, its name inside the section, its environment variable and default. */
  public record Key(String section, String name, String envName, Object defaultValue) {
    public String path() {
      return section + "." + name;
    }
  }

  public static List<Key> all() {
    JsonObject defaults = PlatformConfig.defaults().toJson();
    List<Key> keys = new ArrayList<>();
    for (String section : defaults.fieldNames()) {
      JsonObject values = defaults.getJsonObject(section);
      for (String name : values.fieldNames()) {
        keys.add(new Key(section, name, envName(section, name), values.getValue(name)));
      }
    }
    return keys;
  }

  public static String envName(String section, String key) {
    return ENV_PREFIX + section.toUpperCase(Locale.ROOT) + "_" + upperSnake(key);
  }

  /**
   * The configuration layer set by environment variables: only known {@code ZLH_*} names are
   * read (nothing else of the environment enters the configuration), nested by section.
   */
  public static JsonObject fromEnvironment(Map<String, String> env) {
    JsonObject layer = new JsonObject();
    Map<String, Key> byEnv = new LinkedHashMap<>();
    for (Key k : all()) byEnv.put(k.envName(), k);
    for (Map.Entry<String, Key> e : byEnv.entrySet()) {
      String value = env.get(e.getKey());
      if (value == null) continue;
      Key k = e.getValue();
      JsonObject section = layer.getJsonObject(k.section());
      if (section == null) {
        section = new JsonObject();
        layer.put(k.section(), section);
      }
      section.put(k.name(), value);
    }
    return layer;
  }

  static String upperSnake(String camel) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < camel.length(); i++) {
      char c = camel.charAt(i);
      if (Character.isUpperCase(c) && i > 0) out.append('_');
      out.append(Character.toUpperCase(c));
    }
    return out.toString();
  }
}
