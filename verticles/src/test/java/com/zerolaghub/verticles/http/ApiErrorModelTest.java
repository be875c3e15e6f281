package com.zerolaghub.verticles.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.verticles.testing.TestNode;
import com.zerolaghub.verticles.testing.TestOperations;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Every 4xx/5xx of the API is an RFC 9457 problem document, and the node keeps serving")
class ApiErrorModelTest {
  private static TestNode node;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(new TestOperations());
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  @AfterEach
  void nodeStillServes() throws Exception {
    assertThat(node.get("/health/live").statusCode()).isEqualTo(200);
    assertThat(node.post("/api/test/echo", "application/json", "{\"name\":\"ok\",\"count\":1}").statusCode()).isEqualTo(200);
  }

  @Test
  void validBodyReachesTheHandler() throws Exception {
    HttpResponse<String> r = node.post("/api/test/echo", "application/json; charset=utf-8",
        "{\"name\":\"a\",\"count\":2,\"owner\":{\"email\":\"x@y\"}}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(r.body())).isEqualTo(new JsonObject("{\"name\":\"a\",\"count\":2,\"owner\":{\"email\":\"x@y\"}}"));
  }

  @Test
  void unknownRouteIsNotFound() throws Exception {
    JsonObject p = problem(node.get("/api/nothing-here?secret=1"), 404, "not-found");
    assertThat(p.getString("instance")).isEqualTo("/api/nothing-here");
    assertThat(p.getString("detail")).doesNotContain("secret");
  }

  @Test
  void wrongMethodIsMethodNotAllowed() throws Exception {
    problem(node.post("/health/live", "application/json", "{}"), 405, "method-not-allowed");
  }

  @Test
  void bodyOfOneMebibyteIsPayloadTooLarge() throws Exception {
    String huge = "{\"name\":\"" + "x".repeat(1024 * 1024) + "\",\"count\":1}";
    JsonObject p = problem(node.post("/api/test/echo", "application/json", huge), 413, "payload-too-large");
    assertThat(p.getString("detail")).contains("65536");
  }

  @Test
  void malformedJsonIsMalformedJson() throws Exception {
    JsonObject p = problem(node.post("/api/test/echo", "application/json", "{\"name\": \"a\", "), 400, "malformed-json");
    assertThat(p.getString("detail")).contains("line 1");
  }

  @Test
  void trailingGarbageAfterJsonIsMalformedJson() throws Exception {
    problem(node.post("/api/test/echo", "application/json", "{\"name\":\"a\",\"count\":1} x"), 400, "malformed-json");
  }

  @Test
  void wrongContentTypeIsUnsupportedMediaType() throws Exception {
    JsonObject p = problem(node.post("/api/test/echo", "text/plain", "name=a"), 415, "unsupported-media-type");
    assertThat(p.getString("detail")).contains("application/json");
    problem(node.post("/api/test/echo", null, "{\"name\":\"a\",\"count\":1}"), 415, "unsupported-media-type");
  }

  @Test
  void unknownFieldIsRejectedByName() throws Exception {
    JsonObject p = problem(node.post("/api/test/echo", "application/json", "{\"name\":\"a\",\"count\":1,\"admin\":true}"),
        400, "validation");
    assertThat(errors(p)).containsExactly(new JsonObject().put("field", "admin").put("message", "is not a known field"));
  }

  @Test
  void unknownNestedFieldIsRejectedByItsPath() throws Exception {
    JsonObject p = problem(node.post("/api/test/echo", "application/json",
        "{\"name\":\"a\",\"count\":1,\"owner\":{\"mail\":\"x\"}}"), 400, "validation");
    assertThat(errors(p)).containsExactly(new JsonObject().put("field", "owner.mail").put("message", "is not a known field"));
  }

  @Test
  void wrongTypeAndMissingFieldAreEachNamedOnce() throws Exception {
    JsonObject p = problem(node.post("/api/test/echo", "application/json", "{\"count\":\"three\"}"), 400, "validation");
    assertThat(errors(p)).containsExactlyInAnyOrder(
        new JsonObject().put("field", "count").put("message", "must be of type integer"),
        new JsonObject().put("field", "name").put("message", "is required"));
  }

  @Test
  void missingBodyIsAValidationProblem() throws Exception {
    JsonObject p = problem(node.post("/api/test/echo", "application/json", ""), 400, "validation");
    assertThat(errors(p)).containsExactly(new JsonObject().put("field", "body").put("message", "is required"));
  }

  @Test
  void invalidQueryParameterIsNamed() throws Exception {
    JsonObject p = problem(node.get("/api/test/slow?ms=lots"), 400, "validation");
    assertThat(errors(p).getJsonObject(0).getString("field")).isEqualTo("ms");
  }

  @Test
  void handlerProblemIsAnsweredAsIs() throws Exception {
    JsonObject p = problem(node.get("/api/test/conflict"), 409, "conflict");
    assertThat(p.getString("detail")).isEqualTo("already exists");
  }

  @Test
  void unexpectedErrorIsInternalWithTheRequestIdAndNoInternals() throws Exception {
    HttpResponse<String> r = node.get("/api/test/fail");
    JsonObject p = problem(r, 500, "internal");
    String requestId = r.headers().firstValue("X-Request-Id").orElseThrow();
    assertThat(p.getString("requestId")).isEqualTo(requestId);
    assertThat(p.getString("detail")).contains(requestId).doesNotContain("boom").doesNotContain("IllegalState");
  }

  @Test
  void callersRequestIdIsKept() throws Exception {
    HttpResponse<String> r = node.get("/health/live");
    assertThat(r.headers().firstValue("X-Request-Id")).isPresent();
  }

  @Test
  void contractIsServedWithItsOperations() throws Exception {
    HttpResponse<String> r = node.get("/openapi.yaml");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/yaml"));
    assertThat(r.body()).contains("openapi: 3.1.0", "healthReady", "application/problem+json", "testEcho");
  }

  @Test
  void operationWithoutHandlerOnThisNodeIsUnavailable() throws Exception {
    JsonObject p = problem(node.get("/api/admin/projections"), 503, "unavailable");
    assertThat(p.getString("detail")).contains("listProjections");
  }

  private static JsonObject problem(HttpResponse<String> r, int status, String type) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonObject p = new JsonObject(r.body());
    assertThat(p.getString("type")).isEqualTo("https://zerolaghub.com/problems/" + type);
    assertThat(p.getInteger("status")).isEqualTo(status);
    assertThat(p.getString("title")).isNotBlank();
    assertThat(p.getString("instance")).startsWith("/");
    assertThat(p.getString("requestId")).isEqualTo(r.headers().firstValue("X-Request-Id").orElse(null));
    return p;
  }

  private static JsonArray errors(JsonObject problem) {
    return problem.getJsonArray("errors", new JsonArray());
  }
}
