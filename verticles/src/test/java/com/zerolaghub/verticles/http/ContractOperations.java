package com.zerolaghub.verticles.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every operation of the served OpenAPI document, read the way a client generator reads it:
 * method, path with its parameters filled with plausible dummies, and the JSON request schema
 * (references resolved), for tests that sweep the whole contract rather than a hand-picked few.
 */
final class ContractOperations {
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
  static final String NUL_TEXT = "nul\u0000here";

  private final JsonObject document;

  ContractOperations(JsonObject document) {
    this.document = document;
  }

  static ContractOperations of(String resource) {
    return new ContractOperations(ApiContract.read(resource));
  }

  /** One operation: its id, HTTP method, a concrete path, and its parameters and JSON body schema. */
  record Op(String id, String method, String pathTemplate, String path, List<JsonObject> parameters, JsonObject jsonBody,
      List<String> bodyMediaTypes) {
    boolean hasBody() {
      return !bodyMediaTypes.isEmpty();
    }

    @Override
    public String toString() {
      return id + " (" + method + " " + pathTemplate + ")";
    }
  }

  List<Op> all() {
    List<Op> ops = new ArrayList<>();
    JsonObject paths = document.getJsonObject("paths");
    for (String template : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(template);
      List<JsonObject> shared = parameters(item.getJsonArray("parameters"));
      for (String method : item.fieldNames()) {
        if (!METHODS.contains(method)) continue;
        JsonObject operation = item.getJsonObject(method);
        List<JsonObject> params = new ArrayList<>(shared);
        params.addAll(parameters(operation.getJsonArray("parameters")));
        String path = template;
        for (JsonObject p : params) {
          if ("path".equals(p.getString("in"))) path = path.replace("{" + p.getString("name") + "}", dummy(schema(p)));
        }
        JsonObject body = operation.getJsonObject("requestBody");
        if (body != null && body.containsKey("$ref")) body = resolve(body.getString("$ref"));
        List<String> mediaTypes = body == null ? List.of() : List.copyOf(body.getJsonObject("content").fieldNames());
        JsonObject json = body == null ? null : body.getJsonObject("content").getJsonObject("application/json");
        ops.add(new Op(operation.getString("operationId"), method.toUpperCase(), template, path, params,
            json == null ? null : deref(json.getJsonObject("schema")), mediaTypes));
      }
    }
    return ops;
  }

  /** A JSON value of {@code schema} with {@link #NUL_TEXT} in every string (also in arrays and nested objects). */
  Object withNulInEveryString(JsonObject schema) {
    schema = deref(schema);
    String type = type(schema);
    switch (type) {
      case "object": {
        JsonObject value = new JsonObject();
        JsonObject properties = schema.getJsonObject("properties", new JsonObject());
        for (String name : properties.fieldNames()) value.put(name, withNulInEveryString(properties.getJsonObject(name)));
        return value;
      }
      case "array":
        return new JsonArray().add(withNulInEveryString(schema.getJsonObject("items", new JsonObject().put("type", "string"))));
      case "integer":
      case "number":
        return schema.getValue("minimum", 1);
      case "boolean":
        return true;
      default:
        return NUL_TEXT;
    }
  }

  /** The dotted paths ({@code owner.email}, {@code tags[0]}) of the strings {@link #withNulInEveryString} filled. */
  List<String> stringPaths(JsonObject schema, String prefix) {
    schema = deref(schema);
    List<String> paths = new ArrayList<>();
    switch (type(schema)) {
      case "object": {
        JsonObject properties = schema.getJsonObject("properties", new JsonObject());
        for (String name : properties.fieldNames()) {
          paths.addAll(stringPaths(properties.getJsonObject(name), prefix.isEmpty() ? name : prefix + "." + name));
        }
        return paths;
      }
      case "array":
        return stringPaths(schema.getJsonObject("items", new JsonObject().put("type", "string")), prefix + "[0]");
      case "integer":
      case "number":
      case "boolean":
        return paths;
      default:
        paths.add(prefix);
        return paths;
    }
  }

  private static String type(JsonObject schema) {
    Object type = schema.getValue("type");
    if (type instanceof JsonArray types) {
      for (Object t : types) if (!"null".equals(t)) return String.valueOf(t);
    }
    if (type instanceof String s) return s;
    return schema.containsKey("properties") ? "object" : "string";
  }

  private List<JsonObject> parameters(JsonArray list) {
    List<JsonObject> params = new ArrayList<>();
    if (list == null) return params;
    for (Object o : list) {
      JsonObject p = (JsonObject) o;
      params.add(p.containsKey("$ref") ? resolve(p.getString("$ref")) : p);
    }
    return params;
  }

  JsonObject schema(JsonObject parameter) {
    return deref(parameter.getJsonObject("schema", new JsonObject()));
  }

  /** A value a path parameter's schema accepts (an integer, the first enum value, or a token). */
  String dummy(JsonObject schema) {
    if (schema.containsKey("enum")) return String.valueOf(schema.getJsonArray("enum").getValue(0));
    String type = type(schema);
    if (type.equals("integer") || type.equals("number")) return "101";
    return "dummy-1";
  }

  private JsonObject deref(JsonObject schema) {
    if (schema == null) return null;
    Map<String, Boolean> seen = new LinkedHashMap<>();
    while (schema.containsKey("$ref")) {
      String ref = schema.getString("$ref");
      if (seen.put(ref, true) != null) throw new IllegalStateException("cyclic " + ref);
      schema = resolve(ref);
    }
    return schema;
  }

  private JsonObject resolve(String ref) {
    if (!ref.startsWith("#/")) throw new IllegalArgumentException("only local references: " + ref);
    JsonObject at = document;
    for (String part : ref.substring(2).split("/")) at = at.getJsonObject(part.replace("~1", "/").replace("~0", "~"));
    return at;
  }
}
