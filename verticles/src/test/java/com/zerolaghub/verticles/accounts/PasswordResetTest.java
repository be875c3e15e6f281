package com.zerolaghub.verticles.accounts;

import static com.zerolaghub.verticles.accounts.AccountFlowTest.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.core.accounts.SecretTokens;
import io.vertx.core.json.JsonObject;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Password reset by a single-use, expiring link mailed through a real SMTP server")
class PasswordResetTest {
  private static final Pattern LINK = Pattern.compile(Pattern.quote(AccountsNode.PUBLIC_URL) + "/reset-password#token=([A-Za-z0-9_-]+)");
  private static AccountsNode node;

  @BeforeAll
  static void start() throws Exception {
    node = AccountsNode.start();
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  @BeforeEach
  void emptyMailbox() throws Exception {
    node.mail.purgeEmailFromAllMailboxes();
  }

  private static String email() {
    return "r" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
  }

  @Test
  void linkFromTheMailSetsANewPasswordOnceAndEndsEverySession() throws Exception {
    String email = email();
    Browser browser = node.browser();
    browser.signUp(email, "forgotten password");
    Browser other = node.browser();
    other.logIn(email, "forgotten password");

    HttpResponse<String> requested = node.browser().post("/api/auth/password-reset/request", new JsonObject().put("email", email));
    assertThat(requested.statusCode()).isEqualTo(202);
    String token = tokenMailedTo(email);

    HttpResponse<String> confirmed = node.browser().post("/api/auth/password-reset/confirm",
        new JsonObject().put("token", token).put("newPassword", "remembered password"));
    assertThat(confirmed.statusCode()).isEqualTo(204);
    problem(browser.get("/api/me"), 401, "unauthorized");
    problem(other.get("/api/me"), 401, "unauthorized");
    problem(node.browser().post("/api/auth/login", new JsonObject().put("email", email).put("password", "forgotten password")),
        401, "invalid-credentials");
    assertThat(node.browser().logIn(email, "remembered password").getString("token")).isNotBlank();

    JsonObject reused = problem(node.browser().post("/api/auth/password-reset/confirm",
        new JsonObject().put("token", token).put("newPassword", "a third password")), 400, "reset-token-invalid");
    assertThat(reused.getString("detail")).contains("invalid, already used or expired");
    node.browser().logIn(email, "remembered password");
  }

  @Test
  void linkRefusedAfterItExpired() throws Exception {
    String email = email();
    node.browser().signUp(email, "forgotten password");
    assertThat(node.browser().post("/api/auth/password-reset/request", new JsonObject().put("email", email)).statusCode())
        .isEqualTo(202);
    String token = tokenMailedTo(email);

    node.clock.advance(Duration.ofMinutes(31));
    problem(node.browser().post("/api/auth/password-reset/confirm",
        new JsonObject().put("token", token).put("newPassword", "too late for this")), 400, "reset-token-invalid");
    node.browser().logIn(email, "forgotten password");
  }

  @Test
  void unknownEmailGetsTheSameAnswerAndNothingIsMailedOrRecorded() throws Exception {
    String known = email();
    node.browser().signUp(known, "some password here");
    String resets = "SELECT count(*) FROM event_log WHERE event_type = 'account.password-reset-requested'";
    long before = Long.parseLong(node.rows(resets).get(0));
    HttpResponse<String> forUnknown = node.browser().post("/api/auth/password-reset/request", new JsonObject().put("email", email()));
    HttpResponse<String> forKnown = node.browser().post("/api/auth/password-reset/request", new JsonObject().put("email", known));
    assertThat(forUnknown.statusCode()).isEqualTo(202);
    assertThat(forUnknown.body()).isEqualTo(forKnown.body());
    tokenMailedTo(known);
    assertThat(node.mail.getReceivedMessages()).hasSize(1);
    // The known account's request: once in its stream, once in the token's index stream. Nothing else.
    assertThat(Long.parseLong(node.rows(resets).get(0)) - before).isEqualTo(2);
  }

  @Test
  void madeUpTokenIsRefusedAndTheTokenIsStoredOnlyAsItsHash() throws Exception {
    problem(node.browser().post("/api/auth/password-reset/confirm",
        new JsonObject().put("token", "made-up-token").put("newPassword", "whatever it is")), 400, "reset-token-invalid");
    String email = email();
    node.browser().signUp(email, "forgotten password");
    node.browser().post("/api/auth/password-reset/request", new JsonObject().put("email", email));
    String token = tokenMailedTo(email);
    assertThat(node.rows("SELECT count(*) FROM event_log WHERE payload::text LIKE '%" + token + "%' OR metadata::text LIKE '%" + token + "%'"))
        .containsExactly("0");
    assertThat(node.rows("SELECT count(*) FROM event_log WHERE stream_type = 'reset-token' AND stream_id = '"
        + SecretTokens.sha256(token) + "'")).containsExactly("1");
  }

  /** Waits for the mail to {@code to}, checks both parts carry the link, answers its token. */
  private static String tokenMailedTo(String to) throws Exception {
    assertThat(node.mail.waitForIncomingEmail(10_000, 1)).as("a mail arrived").isTrue();
    MimeMessage message = Arrays.stream(node.mail.getReceivedMessages())
        .filter(m -> recipients(m).contains(to)).findFirst().orElseThrow(() -> new AssertionError("no mail to " + to));
    assertThat(message.getSubject()).contains("Reset");
    List<String> parts = parts(message);
    assertThat(parts).hasSize(2);
    String text = parts.get(0);
    Matcher m = LINK.matcher(text);
    assertThat(m.find()).as("link in %s", text).isTrue();
    assertThat(parts.get(1)).contains("href=\"" + m.group());
    return m.group(1);
  }

  private static String recipients(MimeMessage m) {
    try {
      return Arrays.toString(m.getAllRecipients());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> parts(MimeMessage message) throws Exception {
    List<String> parts = new ArrayList<>();
    Object content = message.getContent();
    if (content instanceof Multipart mp) {
      for (int i = 0; i < mp.getCount(); i++) {
        BodyPart p = mp.getBodyPart(i);
        parts.add(String.valueOf(p.getContent()));
      }
    } else {
      parts.add(String.valueOf(content));
    }
    return parts;
  }
}
