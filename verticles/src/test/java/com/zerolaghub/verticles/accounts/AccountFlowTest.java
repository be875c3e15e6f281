package com.zerolaghub.verticles.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Register, log in, who am I, log out — by browser cookie with CSRF and by bearer token")
class AccountFlowTest {
  private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static AccountsNode node;

  @BeforeAll
  static void start() throws Exception {
    node = AccountsNode.start();
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  private static String email() {
    return "u" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
  }

  @Test
  void browserRegistersLogsInSeesItselfLogsOutAndIsRefusedAtOnce() throws Exception {
    Browser browser = node.browser();
    String email = email();
    HttpResponse<String> registered = browser.post("/api/auth/register", new JsonObject().put("email", email)
        .put("password", "correct horse battery").put("username", "ada_l").put("displayName", "Ada Lovelace"));
    assertThat(registered.statusCode()).isEqualTo(201);
    JsonObject account = new JsonObject(registered.body());
    String id = account.getString("id");
    assertThat(id).matches(UUID_TEXT);
    assertThat(account.getString("role")).isEqualTo("customer");
    assertThat(account.getString("display")).isEqualTo("Ada Lovelace (ada_l) \u2022 " + id.substring(0, 8));

    JsonObject login = browser.logIn(email.toUpperCase(), "correct horse battery");
    assertThat(login.getString("token")).isNotBlank();
    assertThat(login.getJsonObject("user").getString("id")).isEqualTo(id);
    String sessionCookie = browser.lastSetCookies.stream().filter(c -> c.startsWith("__Host-zlh_session=")).findFirst().orElseThrow();
    assertThat(sessionCookie).containsIgnoringCase("; HttpOnly").contains("SameSite=Lax").contains("Path=/").contains("; Secure")
        .contains("Max-Age=604800");
    assertThat(sessionCookie).contains("__Host-zlh_session=" + login.getString("token")); // https publicUrl: __Host-
    String csrfCookie = browser.lastSetCookies.stream().filter(c -> c.startsWith("__Host-zlh_csrf=")).findFirst().orElseThrow();
    assertThat(csrfCookie).doesNotContainIgnoringCase("HttpOnly").contains("SameSite=Lax");

    HttpResponse<String> me = browser.get("/api/me");
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(me.body())).isEqualTo(new JsonObject().put("id", id).put("email", email).put("username", "ada_l")
        .put("displayName", "Ada Lovelace").put("display", "Ada Lovelace (ada_l) \u2022 " + id.substring(0, 8)).put("role", "customer"));

    Browser stolenCookies = node.browser();
    stolenCookies.cookies.putAll(browser.cookies);
    HttpResponse<String> out = browser.post("/api/auth/logout", null);
    assertThat(out.statusCode()).isEqualTo(204);
    assertThat(out.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("__Host-zlh_session=;") && c.contains("Max-Age=0"));

    // The same cookie, replayed at once on this node: refused.
    problem(stolenCookies.get("/api/me"), 401, "unauthorized");
    problem(browser.get("/api/me"), 401, "unauthorized");
  }

  @Test
  void apiClientUsesTheBearerTokenWithoutCsrfAndLogoutRevokesIt() throws Exception {
    String email = email();
    String token = node.browser().signUp(email, "a long enough secret").getString("token");
    Browser api = node.browser().bearer(token);
    assertThat(api.get("/api/me").statusCode()).isEqualTo(200);
    assertThat(api.post("/api/auth/logout", null).statusCode()).isEqualTo(204);
    problem(api.get("/api/me"), 401, "unauthorized");
    problem(node.browser().bearer("not-a-token").get("/api/me"), 401, "unauthorized");
  }

  @Test
  void cookieRequestThatChangesSomethingNeedsTheCsrfHeader() throws Exception {
    Browser browser = node.browser();
    browser.signUp(email(), "a long enough secret");
    Browser forged = node.browser().withoutCsrfHeader();
    forged.cookies.putAll(browser.cookies);
    assertThat(forged.get("/api/me").statusCode()).as("safe method: no CSRF header needed").isEqualTo(200);
    JsonObject p = problem(forged.post("/api/auth/logout", null), 403, "csrf");
    assertThat(p.getString("detail")).contains("X-CSRF-Token");

    // A CSRF cookie planted by someone else (and echoed) does not pair with the real session.
    Browser planted = node.browser();
    planted.cookies.putAll(browser.cookies);
    planted.cookies.put("__Host-zlh_csrf", "0".repeat(64));
    problem(planted.post("/api/auth/logout", null), 403, "csrf");
    assertThat(browser.get("/api/me").statusCode()).as("still signed in").isEqualTo(200);
  }

  @Test
  void unknownEmailAndWrongPasswordAnswerTheSame401() throws Exception {
    String email = email();
    node.browser().signUp(email, "the right password");
    HttpResponse<String> wrong = node.browser().post("/api/auth/login",
        new JsonObject().put("email", email).put("password", "the wrong password"));
    HttpResponse<String> unknown = node.browser().post("/api/auth/login",
        new JsonObject().put("email", email()).put("password", "the wrong password"));
    JsonObject a = problem(wrong, 401, "invalid-credentials");
    JsonObject b = problem(unknown, 401, "invalid-credentials");
    a.remove("requestId");
    b.remove("requestId");
    assertThat(a).isEqualTo(b);
    assertThat(wrong.headers().allValues("Set-Cookie")).isEmpty();
  }

  @Test
  void roleOrIdInTheRegistrationBodyIsRefusedNamingTheFieldAndNoAccountIsCreated() throws Exception {
    String email = email();
    JsonObject base = new JsonObject().put("email", email).put("password", "a long enough secret").put("username", "mallory")
        .put("displayName", "Mallory");
    JsonObject role = problem(node.browser().post("/api/auth/register", base.copy().put("role", "admin")), 400, "validation");
    assertThat(role.getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("role");
    JsonObject id = problem(node.browser().post("/api/auth/register", base.copy().put("id", "00000000-0000-0000-0000-000000000001")),
        400, "validation");
    assertThat(id.getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("id");
    problem(node.browser().post("/api/auth/login", new JsonObject().put("email", email).put("password", "a long enough secret")),
        401, "invalid-credentials");

    // Without the extra fields the account is created, and as a customer.
    Browser b = node.browser();
    JsonObject login = b.signUp(email, "a long enough secret");
    assertThat(login.getJsonObject("user").getString("role")).isEqualTo("customer");
    assertThat(login.getJsonObject("user").getString("id")).isNotEqualTo("00000000-0000-0000-0000-000000000001");
    problem(b.get("/api/admin/accounts"), 403, "forbidden");
  }

  @Test
  void registeringATakenEmailIsAConflictAndInvalidFieldsAreNamed() throws Exception {
    String email = email();
    node.browser().signUp(email, "a long enough secret");
    problem(node.browser().post("/api/auth/register", new JsonObject().put("email", email.toUpperCase())
        .put("password", "another long secret").put("username", "someone").put("displayName", "Someone")), 409, "email-taken");
    JsonObject p = problem(node.browser().post("/api/auth/register", new JsonObject().put("email", "not-an-email")
        .put("password", "short").put("username", "No Spaces").put("displayName", "x")), 400, "validation");
    assertThat(p.getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("field")))
        .containsExactlyInAnyOrder("email", "password", "username");
  }

  @Test
  void aTakenUsernameIsAConflictAndTheRefusedRegistrationKeepsNothing() throws Exception {
    String username = "u" + Long.toHexString(System.nanoTime() & 0xffffffL);
    assertThat(node.browser().post("/api/auth/register", new JsonObject().put("email", email())
        .put("password", "a long enough secret").put("username", username).put("displayName", "First")).statusCode()).isEqualTo(201);

    JsonObject p = problem(node.browser().post("/api/auth/register", new JsonObject().put("email", email())
        .put("password", "a long enough secret").put("username", username).put("displayName", "Second")), 409, "username-taken");
    assertThat(p.getString("detail")).contains("username is taken");
    String otherEmail = email();
    problem(node.browser().post("/api/auth/register", new JsonObject().put("email", otherEmail)
        .put("password", "a long enough secret").put("username", username).put("displayName", "Third")), 409, "username-taken");
    // nothing of the refused registration was kept: its email is still free
    assertThat(node.browser().post("/api/auth/register", new JsonObject().put("email", otherEmail)
        .put("password", "a long enough secret").put("username", username + "_2").put("displayName", "Third")).statusCode()).isEqualTo(201);
  }

  @Test
  void theOwnerRenamesThemselvesAndEveryReadShowsTheNewName() throws Exception {
    String email = email();
    Browser b = node.browser();
    b.signUp(email, "a long enough secret");

    HttpResponse<String> renamed = b.patch("/api/me", new JsonObject().put("displayName", "  Ada Lovelace "));
    assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
    assertThat(new JsonObject(renamed.body()).getString("displayName")).isEqualTo("Ada Lovelace");
    assertThat(new JsonObject(b.get("/api/me").body()).getString("displayName")).isEqualTo("Ada Lovelace");
    problem(b.patch("/api/me", new JsonObject().put("displayName", "   ")), 400, "validation");
    problem(node.browser().patch("/api/me", new JsonObject().put("displayName", "Mallory")), 401, "unauthorized");
    assertThat(new JsonObject(b.get("/api/me").body()).getString("displayName")).isEqualTo("Ada Lovelace");
  }

  @Test
  void passwordChangeEndsEveryOtherSessionAndKeepsThisOne() throws Exception {
    String email = email();
    Browser laptop = node.browser();
    laptop.signUp(email, "first password here");
    Browser phone = node.browser();
    phone.logIn(email, "first password here");
    Browser script = node.browser().bearer(node.browser().logIn(email, "first password here").getString("token"));

    problem(laptop.post("/api/me/password", new JsonObject().put("currentPassword", "not it at all").put("newPassword", "second password here")),
        403, "wrong-password");
    assertThat(phone.get("/api/me").statusCode()).isEqualTo(200);

    HttpResponse<String> changed = laptop.post("/api/me/password",
        new JsonObject().put("currentPassword", "first password here").put("newPassword", "second password here"));
    assertThat(changed.statusCode()).isEqualTo(204);
    assertThat(laptop.get("/api/me").statusCode()).isEqualTo(200);
    problem(phone.get("/api/me"), 401, "unauthorized");
    problem(script.get("/api/me"), 401, "unauthorized");
    problem(node.browser().post("/api/auth/login", new JsonObject().put("email", email).put("password", "first password here")),
        401, "invalid-credentials");
    node.browser().logIn(email, "second password here");
  }

  @Test
  void sessionEndsWhenItsTimeIsUp() throws Exception {
    Browser browser = node.browser();
    String token = browser.signUp(email(), "a long enough secret").getString("token");
    Browser api = node.browser().bearer(token);
    node.clock.advance(Duration.ofHours(167));
    assertThat(browser.get("/api/me").statusCode()).isEqualTo(200);
    node.clock.advance(Duration.ofHours(1));
    problem(browser.get("/api/me"), 401, "unauthorized");
    problem(api.get("/api/me"), 401, "unauthorized");
  }

  @Test
  void malformedWrongTypeHugeOrUnknownBodiesAreProblemsAndTheNodeKeepsServing() throws Exception {
    Browser b = node.browser();
    problem(b.post("/api/auth/login", "application/json", "{\"email\": \"a@b.c\", "), 400, "malformed-json");
    problem(b.post("/api/auth/register", "text/plain", "email=a@b.c"), 415, "unsupported-media-type");
    problem(b.post("/api/auth/login", null, "{\"email\":\"a@b.c\",\"password\":\"x\"}"), 415, "unsupported-media-type");
    String huge = "{\"email\":\"a@b.c\",\"password\":\"" + "x".repeat(1024 * 1024) + "\"}";
    problem(b.post("/api/auth/login", "application/json", huge), 413, "payload-too-large");
    JsonObject unknown = problem(b.post("/api/auth/password-reset/request", new JsonObject().put("email", "a@b.c").put("admin", true)),
        400, "validation");
    assertThat(unknown.getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("admin");
    problem(b.post("/api/auth/login", new JsonObject().put("email", "a@b.c")), 400, "validation");
    problem(b.post("/api/auth/password-reset/confirm", new JsonObject().put("token", 42).put("newPassword", "x")), 400, "validation");

    assertThat(b.get("/health/live").statusCode()).isEqualTo(200);
    b.signUp(email(), "still serving fine");
    assertThat(b.get("/api/me").statusCode()).isEqualTo(200);
  }

  static JsonObject problem(HttpResponse<String> r, int status, String type) {
    assertThat(r.statusCode()).as("status of %s", r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonObject p = new JsonObject(r.body());
    assertThat(p.getString("type")).isEqualTo("https://zerolaghub.com/problems/" + type);
    assertThat(p.getInteger("status")).isEqualTo(status);
    return p;
  }
}
