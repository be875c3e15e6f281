package com.zerolaghub.verticles.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.core.accounts.PasswordHasher;
import com.zerolaghub.core.accounts.Registration;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The accounts read model rebuilt from the log holds the same users and sessions")
class AccountsRebuildTest {
  private static final String ACCOUNTS = "SELECT id, email, username, display_name, role, created_at, updated_at FROM accounts ORDER BY id";
  private static final String SESSIONS = "SELECT id, user_id, client, started_at, expires_at, revoked_at, reason FROM sessions ORDER BY id";
  private static AccountsNode node;

  @BeforeAll
  static void start() throws Exception {
    node = AccountsNode.start();
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  @Test
  void adminRebuildsTheAccountsProjectionAndTheRowsAreTheSame() throws Exception {
    for (int i = 0; i < 4; i++) {
      String email = "b" + i + UUID.randomUUID().toString().substring(0, 6) + "@example.com";
      Browser b = node.browser();
      b.signUp(email, "first password " + i);
      node.browser().logIn(email, "first password " + i);
      if (i % 2 == 0) b.post("/api/me/password", new JsonObject().put("currentPassword", "first password " + i).put("newPassword", "second password " + i));
      if (i == 3) b.post("/api/auth/logout", null);
    }
    String adminEmail = "root-" + UUID.randomUUID().toString().substring(0, 6) + "@example.com";
    AdminAccountActions admins = new AdminAccountActions(node.platform.context().store(), node.platform.context().codec(), Clock.systemUTC());
    admins.create(new Registration.Request(adminEmail, "administrator password", "root", "Root"), new PasswordHasher(4).hash("administrator password"),
        "operator:test").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    Browser admin = node.browser().bearer(node.browser().logIn(adminEmail, "administrator password").getString("token"));

    AccountsNode.eventually(Duration.ofSeconds(10), "read model caught up",
        () -> node.rows("SELECT count(*) FROM accounts").equals(List.of("5")) && node.rows("SELECT count(*) FROM sessions").equals(List.of("9")));
    List<String> accounts = node.rows(ACCOUNTS);
    List<String> sessions = node.rows(SESSIONS);
    assertThat(sessions).filteredOn(s -> s.endsWith("|password_changed")).as("the other session of each who changed").hasSize(2);
    assertThat(sessions).filteredOn(s -> s.endsWith("|logout")).hasSize(1);
    assertThat(accounts).filteredOn(a -> a.contains("|admin|")).hasSize(1);

    HttpResponse<String> rebuild = admin.post("/api/admin/projections/accounts/rebuild", null);
    assertThat(rebuild.statusCode()).as(rebuild.body()).isEqualTo(202);
    AccountsNode.eventually(Duration.ofSeconds(10), "generation 2 serves alone", () -> {
      JsonArray all = projections(admin);
      return all.stream().map(JsonObject.class::cast).filter(p -> p.getString("name").equals("accounts"))
          .allMatch(p -> p.getInteger("generation") == 2 && p.getString("state").equals("running"));
    });
    assertThat(node.rows(ACCOUNTS)).isEqualTo(accounts);
    assertThat(node.rows(SESSIONS)).isEqualTo(sessions);

    JsonArray listed = new JsonObject(admin.get("/api/admin/accounts?limit=10").body()).getJsonArray("accounts");
    assertThat(listed).hasSize(5);
    assertThat(listed.getJsonObject(4).getString("email")).isEqualTo(adminEmail);
  }

  private static JsonArray projections(Browser admin) {
    try {
      return new JsonObject(admin.get("/api/admin/projections").body()).getJsonArray("projections");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
