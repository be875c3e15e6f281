package com.zerolaghub.verticles.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.verticles.config.ProxyConfig;
import com.zerolaghub.verticles.http.ApiContract;
import com.zerolaghub.verticles.testing.WiredNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Every length limit the server enforces is the one the contract publishes: at the schema's
 * minLength and maxLength the server accepts, one past either the answer is a 400 naming the field.
 */
@DisplayName("the contract's limits are the server's")
class ContractLimitsTest {
  private static WiredNode node;
  private static Map<String, Object> contract;

  @BeforeAll
  static void start() throws Exception {
    node = WiredNode.start(Clock.systemUTC(), "http://127.0.0.1:9", Duration.ofDays(3), Duration.ofDays(7),
        ProxyConfig.builder().port(0).host("127.0.0.1").build());
    try (InputStream in = ContractLimitsTest.class.getClassLoader().getResourceAsStream(ApiContract.DEFAULT_RESOURCE)) {
      contract = new Yaml(new SafeConstructor(new LoaderOptions())).load(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (node != null) node.close();
  }

  @Test
  void serverNamesRegistrationAndSupportAgreeWithTheSchemaAtEveryBoundary() throws Exception {
    List<String> disagreements = new ArrayList<>();
    JsonObject createInstance = schema("#/components/schemas/CreateInstance");
    boundaries(disagreements, "createInstance name", createInstance, "name", n -> {
      String[] customer = signUp();
      return send(customer[1], "/api/instances", new JsonObject().put("type", "game").put("name", "a".repeat(n))
          .put("variant", "vanilla").put("plan", "game-4g"));
    });

    JsonObject register = requestSchema("/api/auth/register", "post");
    boundaries(disagreements, "register username", register, "username", n -> register(unique(n, '_'), "correct horse battery", "Ada"));
    boundaries(disagreements, "register password", register, "password", n -> register(unique(12, '_'), "p".repeat(n), "Ada"));
    boundaries(disagreements, "register displayName", register, "displayName", n -> register(unique(12, '_'), "correct horse battery", "D".repeat(n)));

    JsonObject ticket = requestSchema("/api/support/create", "post");
    String[] customer = signUp();
    boundaries(disagreements, "support subject", ticket, "subject", n -> send(customer[1], "/api/support/create",
        new JsonObject().put("subject", "s".repeat(n)).put("message", "help").put("category", "other")));
    boundaries(disagreements, "support message", ticket, "message", n -> send(customer[1], "/api/support/create",
        new JsonObject().put("subject", "help").put("message", "m".repeat(n)).put("category", "other")));

    assertThat(disagreements).isEmpty();
  }

  /** At minLength and maxLength accepted (2xx); one outside either a 400 naming the field. */
  private static void boundaries(List<String> out, String what, JsonObject objectSchema, String field,
      IntFunction<HttpResponse<String>> attempt) {
    JsonObject property = objectSchema.getJsonObject("properties").getJsonObject(field);
    Integer min = property.getInteger("minLength");
    Integer max = property.getInteger("maxLength");
    if (max == null) {
      out.add(what + ": the contract publishes no maxLength");
      return;
    }
    List<int[]> cases = new ArrayList<>();
    cases.add(new int[] {max, 1});
    cases.add(new int[] {max + 1, 0});
    if (min != null) {
      cases.add(new int[] {min, 1});
      if (min > 0) cases.add(new int[] {min - 1, 0});
    }
    for (int[] c : cases) {
      HttpResponse<String> r = attempt.apply(c[0]);
      boolean accepted = r.statusCode() < 300;
      boolean refusedNamingField = r.statusCode() == 400 && namesField(r.body(), field);
      if (c[1] == 1 && !accepted) {
        out.add(what + " of " + c[0] + " (within the contract's " + min + ".." + max + ") answered " + r.statusCode() + ": " + r.body());
      }
      if (c[1] == 0 && !refusedNamingField) {
        out.add(what + " of " + c[0] + " (outside " + min + ".." + max + ") answered " + r.statusCode() + ": " + r.body());
      }
    }
  }

  private static boolean namesField(String body, String field) {
    JsonArray errors = new JsonObject(body).getJsonArray("errors", new JsonArray());
    return errors.stream().anyMatch(e -> e instanceof JsonObject o && String.valueOf(o.getString("field")).endsWith(field));
  }

  private static HttpResponse<String> register(String username, String password, String displayName) {
    try {
      return node.send(null, "POST", "/api/auth/register", new JsonObject().put("email", username.replace('_', 'x') + "@example.com")
          .put("password", password).put("username", username).put("displayName", displayName));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static HttpResponse<String> send(String token, String path, JsonObject body) {
    try {
      return node.send(token, "POST", path, body);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String[] signUp() {
    try {
      return node.signUp();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A username of {@code length} characters, unique in this run (a–z, 0–9 and {@code filler}). */
  private static String unique(int length, char filler) {
    String random = Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    StringBuilder s = new StringBuilder(random.length() > length ? random.substring(0, Math.max(0, length)) : random);
    while (s.length() < length) s.append(filler);
    return s.toString();
  }

  @SuppressWarnings("unchecked")
  private static JsonObject requestSchema(String path, String method) {
    Map<String, Object> op = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) contract.get("paths")).get(path)).get(method);
    Map<String, Object> body = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) op.get("requestBody")).get("content"))
        .get("application/json");
    return new JsonObject((Map<String, Object>) body.get("schema"));
  }

  @SuppressWarnings("unchecked")
  private static JsonObject schema(String ref) {
    Object at = contract;
    for (String part : ref.substring(2).split("/")) at = ((Map<String, Object>) at).get(part);
    return new JsonObject((Map<String, Object>) at);
  }
}
