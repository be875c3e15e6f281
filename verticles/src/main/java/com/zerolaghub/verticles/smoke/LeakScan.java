package com.zerolaghub.verticles.smoke;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The browser never sees an internal token: no answer the smoke read names an agent token, a
 * platform or API secret, a token hash or a bootstrap token — whatever its value.
 */
final class LeakScan {
  private static final Pattern INTERNAL = Pattern.compile(
      "(?i).*(agent_?token|secret|bootstrap|token_?hash|api_?key|password).*");

  private LeakScan() {}

  /** Answers a summary; fails naming each answer and field that leaked. */
  static String check(List<Answer> answers) {
    TreeSet<String> leaks = new TreeSet<>();
    int bodies = 0;
    for (Answer a : answers) {
      String ct = a.headers().get("Content-Type");
      if (ct == null || !ct.contains("json") || a.body().length() == 0) continue;
      bodies++;
      Object parsed;
      try {
        String text = a.body().toString().strip();
        parsed = text.startsWith("[") ? new JsonArray(text) : new JsonObject(text);
      } catch (RuntimeException e) {
        continue;
      }
      walk(a.method() + " " + a.path(), "", parsed, leaks);
    }
    if (!leaks.isEmpty()) throw new SmokeCheckFailed("internal fields in answers: " + String.join(", ", leaks));
    return bodies + " JSON answers checked";
  }

  private static void walk(String where, String prefix, Object value, TreeSet<String> leaks) {
    if (value instanceof JsonObject o) {
      for (Map.Entry<String, Object> e : o) {
        String field = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
        if (INTERNAL.matcher(e.getKey()).matches()) leaks.add(where + " → " + field);
        walk(where, field, e.getValue(), leaks);
      }
    } else if (value instanceof JsonArray arr) {
      for (int i = 0; i < arr.size(); i++) walk(where, prefix + "[" + i + "]", arr.getValue(i), leaks);
    }
  }
}
