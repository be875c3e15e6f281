package com.zerolaghub.verticles.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.events.testing.TestPostgres;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Announcements: admins publish, schedule and expire them for everyone or one account")
class AnnouncementsTest {
  private static SupportNode node;
  private static Customer admin;

  @BeforeAll
  static void start() throws Exception {
    node = SupportNode.start(TestPostgres.freshDatabase(), 1);
    admin = Customer.signUp(node.port());
    node.makeAdmin(admin.id);
    SupportNode.eventually(Duration.ofSeconds(10), "admin role applied", () -> {
      try {
        return admin.post("/api/admin/announcements", new JsonObject().put("message", "warm-up").put("severity", "info")
            .put("endsAt", Instant.now().plusSeconds(60).toString())).statusCode() == 201;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  private static List<String> messages(Customer c) throws Exception {
    JsonArray list = new JsonObject(c.get("/api/announcements").body()).getJsonArray("announcements");
    return list.stream().map(o -> ((JsonObject) o).getString("message")).toList();
  }

  private static String publish(JsonObject body) throws Exception {
    HttpResponse<String> r = admin.post("/api/admin/announcements", body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return new JsonObject(r.body()).getString("id");
  }

  @Test
  void everyoneSeesACurrentAnnouncementOnlyItsAccountSeesATargetedOne() throws Exception {
    Customer alice = Customer.signUp(node.port());
    Customer bob = Customer.signUp(node.port());
    publish(new JsonObject().put("message", "maintenance tonight").put("severity", "warning"));
    publish(new JsonObject().put("message", "hello alice").put("severity", "info").put("accountId", alice.id));
    assertThat(messages(alice)).contains("maintenance tonight", "hello alice");
    assertThat(messages(bob)).contains("maintenance tonight").doesNotContain("hello alice");
  }

  @Test
  void aScheduledAnnouncementWaitsForItsStartAndAnExpiredOneDisappears() throws Exception {
    Customer alice = Customer.signUp(node.port());
    publish(new JsonObject().put("message", "next week").put("severity", "info")
        .put("startsAt", Instant.now().plus(Duration.ofDays(7)).toString()));
    String id = publish(new JsonObject().put("message", "outage").put("severity", "critical"));
    assertThat(messages(alice)).contains("outage").doesNotContain("next week");
    assertThat(admin.delete("/api/admin/announcements/" + id).statusCode()).isEqualTo(204);
    assertThat(messages(alice)).doesNotContain("outage");
  }

  @Test
  void customersCannotPublish() throws Exception {
    Customer alice = Customer.signUp(node.port());
    assertThat(alice.post("/api/admin/announcements", new JsonObject().put("message", "x").put("severity", "info")).statusCode())
        .isEqualTo(403);
    assertThat(alice.delete("/api/admin/announcements/nope").statusCode()).isEqualTo(403);
  }
}
