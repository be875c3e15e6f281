package com.zerolaghub.verticles.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.events.testing.TestRedis;
import com.zerolaghub.verticles.cli.ZlhCommand;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("zlh admin create promotes an account or creates an administrator; the password never comes from the command line")
class AdminCreateCommandTest {
  @TempDir static Path dir;
  private static AccountsNode node;
  private static Path config;

  @BeforeAll
  static void start() throws Exception {
    node = AccountsNode.start();
    config = Files.writeString(dir.resolve("zlh.yaml"), "db:\n  host: localhost\n  port: " + node.db.port() + "\n  database: "
        + node.db.name() + "\n  user: " + node.db.user() + "\n  password: " + node.db.password() + "\nredis:\n  uri: " + TestRedis.uri()
        + "\nauth:\n  bcryptCost: 4\n");
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  private static String email() {
    return "a" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
  }

  @Test
  void existingCustomerBecomesAdministratorOnTheRunningNode() throws Exception {
    String email = email();
    Browser browser = node.browser();
    String id = browser.signUp(email, "customer password").getJsonObject("user").getString("id");
    AccountFlowTest.problem(browser.get("/api/admin/accounts"), 403, "forbidden");

    Result r = run("admin", "create", "--config", config.toString(), "--email", email.toUpperCase());
    assertThat(r.code).as(r.err).isZero();
    assertThat(r.out).contains("(" + id + ") is now an administrator");
    AccountsNode.eventually(Duration.ofSeconds(5), "role visible on the node",
        () -> me(browser).getString("role").equals("admin"));
    assertThat(browser.get("/api/admin/accounts").statusCode()).isEqualTo(200);

    Result again = run("admin", "create", "--config", config.toString(), "--email", email);
    assertThat(again.code).isZero();
    assertThat(again.out).contains("was already an administrator");
  }

  @Test
  void newAdministratorGetsThePasswordFromAFileOrStdin() throws Exception {
    String fromFile = email();
    Path password = Files.writeString(dir.resolve("pw"), "administrator password\n");
    Result r = run("admin", "create", "--config", config.toString(), "--email", fromFile, "--username", "boss", "--password-file", password.toString());
    assertThat(r.code).as(r.err).isZero();
    assertThat(r.out).startsWith("created administrator boss (boss) \u2022 ");
    JsonObject user = node.browser().logIn(fromFile, "administrator password").getJsonObject("user");
    assertThat(user.getString("role")).isEqualTo("admin");
    assertThat(r.out).contains(user.getString("id"));

    String fromStdin = email();
    InputStream stdin = System.in;
    try {
      System.setIn(new ByteArrayInputStream("piped admin password\n".getBytes(StandardCharsets.UTF_8)));
      Result piped = run("admin", "create", "--config", config.toString(), "--email", fromStdin, "--username", "ops_two",
          "--display-name", "Ops Two");
      assertThat(piped.code).as(piped.err).isZero();
    } finally {
      System.setIn(stdin);
    }
    assertThat(node.browser().logIn(fromStdin, "piped admin password").getJsonObject("user").getString("display")).startsWith("Ops Two (ops_two)");
  }

  @Test
  void badArgumentsExitTwoWithOneLine() throws Exception {
    Path weak = Files.writeString(dir.resolve("weak"), "short\n");
    Result[] bad = {
        run("admin", "create", "--config", config.toString()),
        run("admin", "create", "--config", config.toString(), "--email", "not-an-email"),
        run("admin", "create", "--config", config.toString(), "--email", email(), "--password-file", weak.toString()),
        run("admin", "create", "--config", config.toString(), "--email", email(), "--username", "weak_one", "--password-file", weak.toString()),
        run("admin", "create", "--config", config.toString(), "--email", email(), "--password-file", dir.resolve("missing").toString()),
        run("admin")};
    for (Result r : bad) {
      assertThat(r.code).as(r.err).isEqualTo(2);
      assertThat(r.err.strip().split("\\R")).as(r.err).hasSize(1);
    }
    assertThat(bad[0].err).contains("--email");
    assertThat(bad[2].err).contains("--username");
    assertThat(bad[3].err).contains("password must be at least").doesNotContain("short");
  }

  private static JsonObject me(Browser b) {
    try {
      return new JsonObject(b.get("/api/me").body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  record Result(int code, String out, String err) {}

  static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = ZlhCommand.execute(out, err, args);
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
