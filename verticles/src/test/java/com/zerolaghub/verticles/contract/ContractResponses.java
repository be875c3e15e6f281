package com.zerolaghub.verticles.contract;

import com.zerolaghub.verticles.http.ApiContract;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.ValidatableResponse;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Checks real answers against the contract: JSON bodies with vertx-openapi's response
 * validator (the operation's schema for that status), problem documents against the
 * {@code Problem} schema with vertx-json-schema, plus {@code instance} and {@code requestId}.
 */
final class ContractResponses {
  private final Vertx vertx;
  private final ResponseValidator validator;
  private final Validator problem;
  private final Map<String, Object> document;

  private ContractResponses(Vertx vertx, ResponseValidator validator, Validator problem, Map<String, Object> document) {
    this.vertx = vertx;
    this.validator = validator;
    this.problem = problem;
    this.document = document;
  }

  @SuppressWarnings("unchecked")
  static ContractResponses load(Vertx vertx) throws Exception {
    ApiContract contract = ApiContract.load(vertx, List.of(ApiContract.DEFAULT_RESOURCE))
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    Map<String, Object> document;
    try (InputStream in = ContractResponses.class.getClassLoader().getResourceAsStream(ApiContract.DEFAULT_RESOURCE)) {
      document = new Yaml(new SafeConstructor(new LoaderOptions())).load(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) document.get("components")).get("schemas");
    JsonObject problemSchema = new JsonObject((Map<String, Object>) schemas.get("Problem"));
    Validator problem = Validator.create(JsonSchema.of(problemSchema),
        new JsonSchemaOptions().setDraft(Draft.DRAFT202012).setBaseUri("https://zerolaghub.com/contract/"));
    return new ContractResponses(vertx, ResponseValidator.create(vertx, contract.contract()), problem, document);
  }

  /** Every operation: operationId → [method, path template, whether it needs a session]. */
  @SuppressWarnings("unchecked")
  Map<String, String[]> operations() {
    boolean globallySecured = document.get("security") instanceof List<?> l && !l.isEmpty();
    Map<String, String[]> ops = new LinkedHashMap<>();
    Map<String, Object> paths = (Map<String, Object>) document.get("paths");
    paths.forEach((path, item) -> ((Map<String, Object>) item).forEach((method, op) -> {
      if (op instanceof Map<?, ?> operation && operation.get("operationId") instanceof String id) {
        Object security = operation.get("security");
        boolean secured = security == null ? globallySecured
            : security instanceof List<?> s && !s.isEmpty() && s.stream().noneMatch(r -> r instanceof Map<?, ?> m && m.isEmpty());
        ops.put(id, new String[] {method.toUpperCase(), path, Boolean.toString(secured)});
      }
    }));
    return ops;
  }

  /** What is wrong with {@code response} as an answer of {@code operationId}; empty when it conforms. */
  Optional<String> violation(String operationId, HttpResponse<String> response) {
    String contentType = response.headers().firstValue("Content-Type").orElse("");
    String where = operationId + " " + response.statusCode();
    if (contentType.startsWith("application/problem+json")) {
      JsonObject body = new JsonObject(response.body());
      OutputUnit result = problem.validate(body);
      List<String> wrong = new ArrayList<>();
      if (!result.getValid()) wrong.add("breaks the Problem schema: " + result.getErrors());
      if (body.getString("instance") == null) wrong.add("no instance");
      if (body.getString("requestId") == null) wrong.add("no requestId");
      return wrong.isEmpty() ? Optional.empty() : Optional.of(where + ": " + String.join("; ", wrong) + " in " + response.body());
    }
    Map<String, String> headers = new LinkedHashMap<>();
    response.headers().map().forEach((k, v) -> { if (!v.isEmpty()) headers.put(k, v.get(0)); });
    String mediaType = contentType.split(";", 2)[0].strip();
    // vertx-openapi has no text/* body transformer (the Prometheus exposition): status only
    if (mediaType.startsWith("text/")) return response.statusCode() == 200 ? Optional.empty() : Optional.of(where + ": " + response.body());
    ValidatableResponse validatable = response.body().isEmpty() || mediaType.isEmpty()
        ? ValidatableResponse.create(response.statusCode(), headers)
        : ValidatableResponse.create(response.statusCode(), headers, Buffer.buffer(response.body()), mediaType);
    try {
      validator.validate(validatable, operationId).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      return Optional.empty();
    } catch (Exception e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      String body = response.body().length() > 300 ? response.body().substring(0, 300) + "…" : response.body();
      return Optional.of(where + ": " + cause.getMessage() + " in " + body);
    }
  }
}
