package com.zerolaghub.verticles.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The OpenAPI 3.1 contract of the HTTP API, read from classpath resources: {@code openapi.yaml}
 * and optionally further documents whose {@code paths} and {@code components} are added to it
 * (tests add example operations that way). Requests are validated against it and it is served
 * as {@code GET /openapi.yaml}.
 */
public final class ApiContract {
  public static final String DEFAULT_RESOURCE = "openapi.yaml";

  private final OpenAPIContract contract;
  private final String yaml;

  private ApiContract(OpenAPIContract contract, String yaml) {
    this.contract = contract;
    this.yaml = yaml;
  }

  /** Reads and merges the resources (on a worker: class-path reads block) and parses the contract. */
  public static Future<ApiContract> load(Vertx vertx, List<String> resources) {
    if (resources.isEmpty()) throw new IllegalArgumentException("no contract resources");
    return vertx.executeBlocking(() -> {
      JsonObject merged = read(resources.get(0));
      for (String extra : resources.subList(1, resources.size())) addDocument(merged, read(extra), extra);
      return merged;
    }).compose(merged -> OpenAPIContract.from(vertx, forValidation(merged))
        .map(contract -> new ApiContract(new ReusedValidators(contract), dump(merged))));
  }

  /**
   * vertx-openapi refuses contracts whose responses use media types it cannot validate
   * (application/problem+json, application/yaml). Responses are not validated here, so the
   * parsed copy drops those response media types; the served document keeps them. It also
   * drops the security requirements: who may call is decided by each operation's first handler
   * ({@link Authentication}, with problem documents and the CSRF check), not by the router,
   * which would otherwise demand a handler of its own per scheme.
   */
  static JsonObject forValidation(JsonObject document) {
    JsonObject copy = document.copy();
    copy.remove("security");
    JsonObject paths = copy.getJsonObject("paths", new JsonObject());
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        if (item.getValue(method) instanceof JsonObject operation) operation.remove("security");
        if (item.getValue(method) instanceof JsonObject operation && operation.getValue("responses") instanceof JsonObject responses) {
          for (String status : responses.fieldNames()) stripUnsupported(responses.getJsonObject(status));
        }
      }
    }
    JsonObject components = copy.getJsonObject("components");
    if (components != null && components.getValue("responses") instanceof JsonObject responses) {
      for (String name : responses.fieldNames()) stripUnsupported(responses.getJsonObject(name));
    }
    return copy;
  }

  private static void stripUnsupported(JsonObject response) {
    if (response == null || !(response.getValue("content") instanceof JsonObject content)) return;
    content.fieldNames().removeIf(mediaType -> !MediaType.isMediaTypeSupported(mediaType));
    if (content.isEmpty()) response.remove("content");
  }

  public OpenAPIContract contract() {
    return contract;
  }

  public String yaml() {
    return yaml;
  }

  static JsonObject read(String resource) {
    ClassLoader loader = ApiContract.class.getClassLoader();
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) throw new IllegalArgumentException("contract resource not found on the class path: " + resource);
      Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      if (!(loaded instanceof Map)) throw new IllegalArgumentException(resource + " is not a YAML mapping");
      return (JsonObject) toJson(loaded);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void addDocument(JsonObject base, JsonObject extra, String name) {
    JsonObject paths = base.getJsonObject("paths", new JsonObject());
    base.put("paths", paths);
    JsonObject extraPaths = extra.getJsonObject("paths", new JsonObject());
    for (String path : extraPaths.fieldNames()) {
      JsonObject operations = paths.getJsonObject(path, new JsonObject());
      JsonObject added = extraPaths.getJsonObject(path);
      for (String method : added.fieldNames()) {
        if (operations.containsKey(method)) throw new IllegalArgumentException(name + " redefines " + method + " " + path);
        operations.put(method, added.getValue(method));
      }
      paths.put(path, operations);
    }
    JsonObject components = base.getJsonObject("components", new JsonObject());
    JsonObject extraComponents = extra.getJsonObject("components", new JsonObject());
    for (String kind : extraComponents.fieldNames()) {
      JsonObject existing = components.getJsonObject(kind, new JsonObject());
      JsonObject added = extraComponents.getJsonObject(kind);
      for (String key : added.fieldNames()) {
        if (existing.containsKey(key)) throw new IllegalArgumentException(name + " redefines components." + kind + "." + key);
        existing.put(key, added.getValue(key));
      }
      components.put(kind, existing);
    }
    if (!components.isEmpty()) base.put("components", components);
  }

  /** YAML allows non-string keys (an unquoted 200:) and timestamps; JSON Schema wants strings. */
  private static Object toJson(Object value) {
    if (value instanceof Map<?, ?> map) {
      JsonObject json = new JsonObject();
      for (Map.Entry<?, ?> e : map.entrySet()) json.put(String.valueOf(e.getKey()), toJson(e.getValue()));
      return json;
    }
    if (value instanceof List<?> list) {
      JsonArray json = new JsonArray();
      for (Object o : list) json.add(toJson(o));
      return json;
    }
    if (value instanceof Date date) return date.toInstant().toString();
    return value;
  }

  private static String dump(JsonObject document) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndent(2);
    options.setWidth(120);
    return new Yaml(options).dump(toPlain(document));
  }

  private static Object toPlain(Object value) {
    if (value instanceof JsonObject json) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (String key : json.fieldNames()) map.put(key, toPlain(json.getValue(key)));
      return map;
    }
    if (value instanceof JsonArray array) {
      List<Object> list = new ArrayList<>();
      for (Object o : array) list.add(toPlain(o));
      return list;
    }
    return value;
  }
}
