package com.zerolaghub.verticles.cli;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A Prometheus http_sd / file_sd target list, checked before it replaces a file Prometheus
 * reads: an array of {@code {"targets": [string…], "labels": {name: string…}}}.
 */
final class HttpSdDocument {
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  private final JsonArray groups;
  private final long targets;

  private HttpSdDocument(JsonArray groups, long targets) {
    this.groups = groups;
    this.targets = targets;
  }

  /** @throws IllegalArgumentException saying what is wrong */
  static HttpSdDocument parse(String text) {
    JsonArray groups;
    try {
      Object parsed = Json.decodeValue(text);
      if (!(parsed instanceof JsonArray array)) throw new IllegalArgumentException("the top level is not a JSON array");
      groups = array;
    } catch (DecodeException e) {
      throw new IllegalArgumentException("not JSON");
    }
    long targets = 0;
    for (int i = 0; i < groups.size(); i++) {
      if (!(groups.getValue(i) instanceof JsonObject group)) throw new IllegalArgumentException("entry " + i + " is not an object");
      if (!(group.getValue("targets") instanceof JsonArray list)) {
        throw new IllegalArgumentException("entry " + i + " has no \"targets\" array");
      }
      for (Object t : list) {
        if (!(t instanceof String s) || s.isBlank()) throw new IllegalArgumentException("entry " + i + " has a target that is not a host:port string");
      }
      targets += list.size();
      Object labels = group.getValue("labels");
      if (labels != null) {
        if (!(labels instanceof JsonObject map)) throw new IllegalArgumentException("entry " + i + " has \"labels\" that is not an object");
        for (Map.Entry<String, Object> label : map) {
          if (!LABEL_NAME.matcher(label.getKey()).matches() || !(label.getValue() instanceof String)) {
            throw new IllegalArgumentException("entry " + i + " has an invalid label '" + label.getKey() + "'");
          }
        }
      }
    }
    return new HttpSdDocument(groups, targets);
  }

  long targets() {
    return targets;
  }

  /** As written to the file_sd file: indented, for people who open it. */
  String fileContent() {
    return groups.encodePrettily() + "\n";
  }
}
