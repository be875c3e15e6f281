package com.zerolaghub.verticles.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.core.accounts.AccountDecider;
import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.events.ExpectedVersion;
import com.zerolaghub.events.NewEvent;
import com.zerolaghub.events.accounts.AccountEvent.RoleGranted;
import com.zerolaghub.events.accounts.Role;
import com.zerolaghub.verticles.config.HttpConfig;
import com.zerolaghub.verticles.testing.WiredNode;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Sweeps every operation of openapi.yaml (parsed here, not hand-picked) on a node wired as
 * {@code zlh run} wires it: a malformed request is a 4xx problem document, never a 5xx, with or
 * without a signed-in administrator.
 */
@DisplayName("Malformed requests on every operation of the contract answer 4xx problem documents")
class MalformedRequestsSweepTest {
  private static final String MULTIPART_BOUNDARY = "zlhBoundary7MA4YWxkTrZu0gW";
  private static final String MULTIPART_BODY = "--" + MULTIPART_BOUNDARY + "\r\n"
      + "Content-Disposition: form-data; name=\"email\"\r\n\r\nx@example.com\r\n"
      + "--" + MULTIPART_BOUNDARY + "\r\n"
      + "Content-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\nhello\r\n"
      + "--" + MULTIPART_BOUNDARY + "--\r\n";

  private static final ListAppender<ILoggingEvent> failureLog = new ListAppender<>();
  private static WiredNode node;
  private static String adminToken;
  private static List<ContractOperations.Op> operations;
  private static ContractOperations contract;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() throws Exception {
    node = WiredNode.start(Clock.systemUTC(), "http://127.0.0.1:9", Duration.ofDays(3), Duration.ofDays(7));
    String[] admin = node.signUp();
    node.platform.context().store().append(AccountDecider.stream(admin[0]), ExpectedVersion.ANY,
            List.of(NewEvent.of(new RoleGranted(admin[0], Role.ADMIN, "operator:test", Instant.now()), EventMetadata.system("test"))))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    adminToken = admin[1];
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (node.send(adminToken, "GET", "/api/admin/accounts", null).statusCode() != 200) {
      if (System.nanoTime() > deadline) throw new AssertionError("the account never became an administrator");
      Thread.sleep(50);
    }
    failureLog.start();
    ((Logger) LoggerFactory.getLogger(ProblemFailureHandler.class)).addAppender(failureLog);
    contract = ContractOperations.of(ApiContract.DEFAULT_RESOURCE);
    operations = contract.all();
    assertThat(operations).hasSizeGreaterThan(50);
  }

  @BeforeEach
  void forgetEarlierLogLines() {
    failureLog.list.clear();
  }

  /** A client's mistake is no failure of the node: at most a warning, never a stack trace. */
  @AfterEach
  void noErrorOrStackTraceWasLogged() {
    assertThat(failureLog.list).allSatisfy(e -> {
      assertThat(e.getLevel().isGreaterOrEqual(Level.ERROR)).as("logged at %s: %s", e.getLevel(), e.getFormattedMessage()).isFalse();
      assertThat(e.getThrowableProxy()).as("stack trace with %s", e.getFormattedMessage()).isNull();
    });
  }

  @AfterAll
  static void stop() throws Exception {
    ((Logger) LoggerFactory.getLogger(ProblemFailureHandler.class)).detachAppender(failureLog);
    if (node != null) node.close();
  }

  @Test
  void multipartOnEveryOperationIsAProblemWithAndWithoutSigningIn() throws Exception {
    List<String> wrong = new ArrayList<>();
    for (ContractOperations.Op op : operations) {
      for (String token : new String[] {null, adminToken}) {
        HttpResponse<String> r = send(op.method(), op.path(), token, "multipart/form-data; boundary=" + MULTIPART_BOUNDARY,
            MULTIPART_BODY);
        checkProblem(op + (token == null ? "" : " signed in"), r, wrong);
      }
    }
    assertThat(wrong).as("operations that did not answer a 4xx problem document to multipart").isEmpty();
  }

  @Test
  void multipartOnAGetOutsideTheContractIsAProblem() throws Exception {
    List<String> wrong = new ArrayList<>();
    for (String path : new String[] {"/", "/no-such-page", "/api/no-such-operation"}) {
      HttpResponse<String> r = send("GET", path, null, "multipart/form-data; boundary=" + MULTIPART_BOUNDARY, MULTIPART_BODY);
      checkProblem("GET " + path, r, wrong);
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void oddContentTypesAndBodiesOnEveryOperationWithABodyAreProblems() throws Exception {
    String[][] cases = {
        {"text/plain", "email=x"},
        {"application/x-www-form-urlencoded", "email=x%40example.com&password=x"},
        {"application/json; charset", "{}"},
        {";;;", "{}"},
        {"multipart/form-data", "--x--"},
        {"application/json", "{\"email\": "},
        {"application/json", "[\"an\", \"array\"]"},
        {"application/json", "\"a string\""},
        {"application/json", "42"},
        {"application/json", "null"},
        {"application/json", "{\"a\":1}{\"b\":2}"},
        {"application/json", "{\"deep\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}"},
        {"application/json", "{\"big\":\"" + "x".repeat((int) HttpConfig.DEFAULT_BODY_LIMIT_BYTES) + "\"}"},
    };
    List<String> wrong = new ArrayList<>();
    for (ContractOperations.Op op : operations) {
      if (!op.hasBody()) continue;
      for (String[] c : cases) {
        HttpResponse<String> r = send(op.method(), op.path(), adminToken, c[0], c[1]);
        checkProblem(op + " with " + c[0] + " " + abbreviate(c[1]), r, wrong);
      }
    }
    assertThat(wrong).as("answers that were not 4xx problem documents").isEmpty();
  }

  @Test
  void nulInEveryStringFieldOfEveryJsonBodyIsRejectedByName() throws Exception {
    List<String> wrong = new ArrayList<>();
    int checked = 0;
    for (ContractOperations.Op op : operations) {
      if (op.jsonBody() == null) continue;
      checked++;
      Object body = contract.withNulInEveryString(op.jsonBody());
      HttpResponse<String> r = send(op.method(), op.path(), adminToken, "application/json",
          Json.encode(body));
      if (!checkProblem(op + " with NUL", r, wrong)) continue;
      JsonObject p = new JsonObject(r.body());
      List<String> named = new ArrayList<>();
      for (Object e : p.getJsonArray("errors", new JsonArray())) named.add(((JsonObject) e).getString("field"));
      List<String> expected = contract.stringPaths(op.jsonBody(), "");
      if (r.statusCode() != 400 || !named.containsAll(expected)) {
        wrong.add(op + " with NUL: " + r.statusCode() + " naming " + named + ", expected " + expected);
      }
    }
    assertThat(checked).isGreaterThan(10);
    assertThat(wrong).as("operations that did not name every NUL field in a 400").isEmpty();
  }

  @Test
  void nulInEveryPathAndQueryParameterIsAProblem() throws Exception {
    List<String> wrong = new ArrayList<>();
    for (ContractOperations.Op op : operations) {
      for (JsonObject p : op.parameters()) {
        String in = p.getString("in");
        String name = p.getString("name");
        String path;
        if ("path".equals(in)) {
          path = op.pathTemplate();
          for (JsonObject other : op.parameters()) {
            if (!"path".equals(other.getString("in"))) continue;
            String value = other == p ? "a%00b" : contract.dummy(contract.schema(other));
            path = path.replace("{" + other.getString("name") + "}", value);
          }
        } else if ("query".equals(in)) {
          path = op.path() + "?" + name + "=a%00b";
        } else {
          continue;
        }
        String body = op.jsonBody() == null ? null : "{}";
        for (String token : new String[] {null, adminToken}) {
          HttpResponse<String> r = send(op.method(), path, token, body == null ? null : "application/json", body);
          checkProblem(op + " NUL in " + in + " " + name + (token == null ? "" : " signed in"), r, wrong);
        }
      }
    }
    assertThat(wrong).as("answers that were not 4xx problem documents").isEmpty();
  }

  private HttpResponse<String> send(String method, String path, String token, String contentType, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + path))
        .timeout(Duration.ofSeconds(20))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) b.header("Content-Type", contentType);
    if (token != null) b.header("Authorization", "Bearer " + token);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Adds a line to {@code wrong} unless {@code r} is a complete 4xx problem document; answers whether it was. */
  static boolean checkProblem(String what, HttpResponse<String> r, List<String> wrong) {
    String problem = ProblemDocuments.whatIsWrong(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null),
        r.headers().firstValue("X-Request-Id").orElse(null), r.body());
    if (problem != null) wrong.add(what + ": " + problem);
    return problem == null;
  }

  private static String abbreviate(String s) {
    return s.length() > 30 ? s.substring(0, 30) + "…(" + s.length() + ")" : s;
  }
}
