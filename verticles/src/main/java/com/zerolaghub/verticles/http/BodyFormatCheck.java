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
import java.io.IOException;
import java.util.Locale;

/**
 * Before schema validation: a body whose media type the operation does not accept answers 415,
 * and a JSON body that does not parse answers 400 malformed-json, rather than both ending up as
 * a generic validation failure.
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
    MediaType mediaType = contentType == null ? null : expected.determineContentType(contentType);
    if (mediaType == null) {
      ctx.fail(new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
          "send the body as one of " + expected.getContent().keySet()
              + (contentType == null ? " (no Content-Type given)" : ", not " + contentType)));
      return;
    }
    if (isJson(mediaType.getIdentifier())) {
      try {
        STRICT.readTree(body.getBytes());
      } catch (JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        ctx.fail(new ProblemException(ProblemType.MALFORMED_JSON, "request body is not valid JSON" + where));
        return;
      } catch (IOException e) {
        ctx.fail(new ProblemException(ProblemType.MALFORMED_JSON, "request body is not valid JSON"));
        return;
      }
    }
    ctx.next();
  }

  private static boolean isJson(String identifier) {
    String id = identifier.toLowerCase(Locale.ROOT);
    return id.equals("application/json") || id.endsWith("+json");
  }
}
