package com.zerolaghub.verticles.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.RequestBody;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Before schema validation: a body without a media type answers 415, a JSON body that does not
 * parse answers 400 malformed-json (rather than a generic validation failure), and a JSON body
 * with a NUL character in any string answers 400 naming each such field: PostgreSQL stores no
 * U+0000 in text or jsonb, so it would otherwise fail deep inside a handler as a 500.
 */
final class BodyFormatCheck {
  private static final ObjectMapper STRICT = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private final OpenAPIContract contract;

  BodyFormatCheck(OpenAPIContract contract) {
    this.contract = contract;
  }

  void handle(RoutingContext ctx) {
    Buffer body = ctx.body() == null ? null : ctx.body().buffer();
    if (body == null || body.length() == 0) {
      ctx.next(); // a missing required body is the validator's to report
      return;
    }
    Operation operation = contract.findOperation(ctx.request().path(), ctx.request().method());
    RequestBody expected = operation == null ? null : operation.getRequestBody();
    if (expected == null) {
      ctx.next();
      return;
    }
    String contentType = ctx.request().getHeader("Content-Type");
    MediaType mediaType = contentType == null ? null : mediaType(expected, contentType);
    if (mediaType == null) {
      ctx.fail(new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
          "send the body as one of " + expected.getContent().keySet()
              + (contentType == null ? " (no Content-Type given)" : ", not " + contentType)));
      return;
    }
    if (isJson(mediaType.getIdentifier())) {
      JsonNode tree;
      try {
        tree = STRICT.readTree(body.getBytes());
      } catch (JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        ctx.fail(new ProblemException(ProblemType.MALFORMED_JSON, "request body is not valid JSON" + where));
        return;
      } catch (IOException e) {
        ctx.fail(new ProblemException(ProblemType.MALFORMED_JSON, "request body is not valid JSON"));
        return;
      }
      List<FieldError> nul = new ArrayList<>();
      collectNul(tree, "", nul);
      if (!nul.isEmpty()) {
        ctx.fail(new ProblemException(ProblemType.VALIDATION, "the request body contains a NUL character", nul));
        return;
      }
    }
    ctx.next();
  }

  /** Names every string (and member name) holding U+0000, as {@code owner.email} or {@code items[2]}. */
  private static void collectNul(JsonNode node, String at, List<FieldError> found) {
    if (node == null) return;
    if (node.isTextual()) {
      if (RequestHeadCheck.hasNul(node.textValue())) found.add(new FieldError(at.isEmpty() ? "body" : at, RequestHeadCheck.NUL_MESSAGE));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) collectNul(node.get(i), at + "[" + i + "]", found);
    } else if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> member = it.next();
        String name = at.isEmpty() ? member.getKey() : at + "." + member.getKey();
        if (RequestHeadCheck.hasNul(member.getKey())) {
          found.add(new FieldError(name.replace((char) 0, '?'), RequestHeadCheck.NUL_MESSAGE));
        } else {
          collectNul(member.getValue(), name, found);
        }
      }
    }
  }

  private static MediaType mediaType(RequestBody expected, String contentType) {
    try {
      return expected.determineContentType(contentType);
    } catch (RuntimeException malformed) {
      return null;
    }
  }

  private static boolean isJson(String identifier) {
    String id = identifier.toLowerCase(Locale.ROOT);
    return id.equals("application/json") || id.endsWith("+json");
  }
}
