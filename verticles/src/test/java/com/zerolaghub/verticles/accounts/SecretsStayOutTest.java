package com.zerolaghub.verticles.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

@DisplayName("Passwords and tokens never appear in a log line or in the log of events")
class SecretsStayOutTest {
  private static final ListAppender<ILoggingEvent> captured = new ListAppender<>();
  private static Level previousLevel;
  private static AccountsNode node;

  @BeforeAll
  static void start() throws Exception {
    LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
    captured.start();
    logging.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(captured);
    Logger ours = logging.getLogger("com.zerolaghub");
    previousLevel = ours.getLevel();
    ours.setLevel(Level.DEBUG);
    node = AccountsNode.start();
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
    LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
    logging.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(captured);
    logging.getLogger("com.zerolaghub").setLevel(previousLevel);
  }

  @Test
  void noPasswordOrTokenOfAWholeAccountLifeIsLoggedOrRecorded() throws Exception {
    String first = "first-" + UUID.randomUUID();
    String wrong = "wrong-" + UUID.randomUUID();
    String second = "second-" + UUID.randomUUID();
    String third = "third-" + UUID.randomUUID();
    String email = "s" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    List<String> secrets = new ArrayList<>(List.of(first, wrong, second, third));

    Browser browser = node.browser();
    secrets.add(browser.signUp(email, first).getString("token"));
    node.browser().post("/api/auth/register", new JsonObject().put("email", email).put("password", wrong)
        .put("username", "dup_user").put("displayName", "Dup"));
    node.browser().post("/api/auth/register", new JsonObject().put("email", "x" + email).put("password", "short")
        .put("username", "short_pw").put("displayName", "Short"));
    String tooLong = "long-" + UUID.randomUUID() + "x".repeat(200);
    secrets.add(tooLong);
    var refused = node.browser().post("/api/auth/login", new JsonObject().put("email", email).put("password", tooLong));
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).as("problem document").contains("password").doesNotContain(tooLong.substring(0, 20));
    node.browser().post("/api/auth/login", new JsonObject().put("email", email).put("password", wrong));
    node.browser().post("/api/auth/login", new JsonObject().put("email", "nobody-" + email).put("password", wrong));
    node.browser().post("/api/auth/login", "application/json", "{\"email\":\"" + email + "\",\"password\":\"" + wrong + "\",\"x\":1}");
    node.browser().post("/api/auth/login", "application/json", "{\"email\":\"" + email + "\",\"password\":\"" + wrong + "\"");
    browser.post("/api/me/password", new JsonObject().put("currentPassword", wrong).put("newPassword", second));
    browser.post("/api/me/password", new JsonObject().put("currentPassword", first).put("newPassword", second));
    secrets.add(node.browser().logIn(email, second).getString("token"));

    node.mail.purgeEmailFromAllMailboxes();
    node.browser().post("/api/auth/password-reset/request", new JsonObject().put("email", email));
    assertThat(node.mail.waitForIncomingEmail(10_000, 1)).isTrue();
    Matcher link = Pattern.compile("#token=([A-Za-z0-9_-]+)").matcher(
        com.icegreen.greenmail.util.GreenMailUtil.getBody(node.mail.getReceivedMessages()[0]));
    assertThat(link.find()).isTrue();
    String resetToken = link.group(1);
    secrets.add(resetToken);
    node.browser().post("/api/auth/password-reset/confirm", new JsonObject().put("token", resetToken).put("newPassword", third));
    node.browser().post("/api/auth/password-reset/confirm", new JsonObject().put("token", resetToken).put("newPassword", third));
    node.browser().logIn(email, third);

    // The capture works: the requests above are in it.
    AccountsNode.eventually(Duration.ofSeconds(5), "request lines captured",
        () -> logText().contains("/api/auth/password-reset/confirm"));
    String logs = logText();
    String events = String.join("\n", node.rows("SELECT payload::text || ' ' || metadata::text FROM event_log"));
    assertThat(events).contains(email);
    for (String secret : secrets) {
      assertThat(logs).as("log lines").doesNotContain(secret);
      assertThat(events).as("event payloads and metadata").doesNotContain(secret);
    }
  }

  private static String logText() {
    StringBuilder all = new StringBuilder();
    for (ILoggingEvent e : List.copyOf(captured.list)) {
      all.append(e.getLoggerName()).append(' ').append(e.getFormattedMessage());
      if (e.getKeyValuePairs() != null) e.getKeyValuePairs().forEach(kv -> all.append(' ').append(kv.key).append('=').append(kv.value));
      if (e.getArgumentArray() != null) for (Object a : e.getArgumentArray()) all.append(' ').append(a);
      e.getMDCPropertyMap().forEach((k, v) -> all.append(' ').append(k).append('=').append(v));
      for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
        all.append(' ').append(t.getClassName()).append(": ").append(t.getMessage());
      }
      all.append('\n');
    }
    return all.toString();
  }
}
