package com.zerolaghub.verticles.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.zerolaghub.events.testing.TestPostgres;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Support tickets over real HTTP: numbered ZLH-YYYYMMDD-XXXX through the log, on two nodes sharing one database")
class TicketsTest {
  private static GreenMail mail;
  private static SupportNode a;
  private static SupportNode b;

  @BeforeAll
  static void start() throws Exception {
    mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    mail.start();
    TestPostgres.Database db = TestPostgres.freshDatabase();
    a = SupportNode.start(db, mail.getSmtp().getPort());
    b = SupportNode.start(db, mail.getSmtp().getPort());
  }

  @AfterAll
  static void stop() throws Exception {
    if (b != null) b.close();
    if (a != null) a.close();
    mail.stop();
  }

  private static JsonObject ticket(String subject, String message) {
    return new JsonObject().put("subject", subject).put("message", message).put("category", "technical");
  }

  @Test
  void twoHundredConcurrentTicketsOnTwoNodesGetTwoHundredDistinctNumbersOfToday() throws Exception {
    List<Customer> customers = new ArrayList<>();
    for (int i = 0; i < 10; i++) customers.add(Customer.signUp(a.port()));
    ExecutorService pool = Executors.newFixedThreadPool(50);
    try {
      List<Future<HttpResponse<String>>> answers = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        Customer c = customers.get(i % customers.size());
        Customer through = i % 2 == 0 ? c : c.via(b.port());
        int n = i;
        answers.add(pool.submit(() -> through.post("/api/support/create", ticket("burst " + n, "message " + n))));
      }
      Set<String> numbers = new HashSet<>();
      String today = LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.BASIC_ISO_DATE);
      for (Future<HttpResponse<String>> f : answers) {
        HttpResponse<String> r = f.get();
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String number = new JsonObject(r.body()).getString("ticketNumber");
        assertThat(number).matches("ZLH-" + today + "-\\d{4}");
        numbers.add(number);
      }
      assertThat(numbers).hasSize(200);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void customersSeeTheirOwnTicketsAndAdminsFilterViewReplyAndClose() throws Exception {
    Customer alice = Customer.signUp(a.port());
    Customer bob = Customer.signUp(a.port());
    Customer admin = Customer.signUp(a.port());
    a.makeAdmin(admin.id);
    HttpResponse<String> created = alice.post("/api/support/create",
        new JsonObject().put("subject", "Lag").put("message", "spikes").put("category", "billing"));
    assertThat(created.statusCode()).isEqualTo(201);
    String id = new JsonObject(created.body()).getString("ticketId");

    JsonArray mine = new JsonObject(alice.get("/api/support/tickets").body()).getJsonArray("tickets");
    assertThat(mine).hasSize(1);
    assertThat(mine.getJsonObject(0).getString("ticketId")).isEqualTo(id);
    assertThat(new JsonObject(bob.get("/api/support/tickets").body()).getJsonArray("tickets")).isEmpty();
    assertThat(bob.get("/api/admin/support/tickets").statusCode()).isEqualTo(403);

    SupportNode.eventually(Duration.ofSeconds(10), "admin role applied",
        () -> status(() -> admin.get("/api/admin/support/tickets?category=billing")) == 200);
    JsonArray billing = new JsonObject(admin.get("/api/admin/support/tickets?category=billing&status=open").body()).getJsonArray("tickets");
    assertThat(billing.stream().map(o -> ((JsonObject) o).getString("ticketId"))).contains(id);
    assertThat(admin.post("/api/admin/support/tickets/" + id + "/reply", new JsonObject().put("message", "Looking")).statusCode())
        .isEqualTo(204);
    String number = new JsonObject(created.body()).getString("ticketNumber");
    SupportNode.eventually(Duration.ofSeconds(20), "the reply mailed to alice", () -> {
      try {
        for (jakarta.mail.internet.MimeMessage m : mail.getReceivedMessages()) {
          if (m.getSubject().equals("Re: [" + number + "]") && m.getAllRecipients()[0].toString().equals(alice.email)) {
            return Mails.part(m, "text/plain").contains("Looking");
          }
        }
        return false;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    assertThat(admin.post("/api/admin/support/tickets/" + id + "/close", null).statusCode()).isEqualTo(204);
    SupportNode.eventually(Duration.ofSeconds(10), "closed with its reply", () -> {
      JsonObject t = new JsonObject(body(() -> admin.get("/api/admin/support/tickets/" + id)));
      return "closed".equals(t.getString("status")) && t.getJsonArray("replies").size() == 1;
    });
    JsonArray open = new JsonObject(admin.get("/api/admin/support/tickets?status=open").body()).getJsonArray("tickets");
    assertThat(open.stream().map(o -> ((JsonObject) o).getString("ticketId"))).doesNotContain(id);
    assertThat(admin.get("/api/admin/support/tickets/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
  }

  @Test
  void aTicketNamesOnlyAServerTheCustomerOwns() throws Exception {
    Customer alice = Customer.signUp(a.port());
    Customer bob = Customer.signUp(a.port());
    String server = "srv-" + UUID.randomUUID();
    a.serverOwnedBy(server, alice.id);
    assertThat(alice.post("/api/support/create", ticket("mine", "x").put("serverId", server)).statusCode()).isEqualTo(201);
    HttpResponse<String> foreign = bob.post("/api/support/create", ticket("not mine", "x").put("serverId", server));
    assertThat(foreign.statusCode()).isEqualTo(404);
    assertThat(bob.post("/api/support/create", ticket("absent", "x").put("serverId", "srv-none")).statusCode()).isEqualTo(404);
  }

  @Test
  void subjectOver200AndMessageOver10000CharactersAreRefused() throws Exception {
    Customer alice = Customer.signUp(a.port());
    assertThat(alice.post("/api/support/create", ticket("s".repeat(201), "m")).statusCode()).isEqualTo(400);
    assertThat(alice.post("/api/support/create", ticket("s", "m".repeat(10_001))).statusCode()).isEqualTo(400);
    assertThat(alice.post("/api/support/create", ticket("s".repeat(200), "m".repeat(10_000))).statusCode()).isEqualTo(201);
    assertThat(alice.post("/api/support/create", ticket("s", "m").put("category", "gossip")).statusCode()).isEqualTo(400);
  }

  @Test
  void ticketTextIsStoredVerbatim() throws Exception {
    Customer alice = Customer.signUp(a.port());
    String evil = "<script>alert('x')</script> & \"quotes\"";
    String id = new JsonObject(alice.post("/api/support/create", ticket(evil, evil)).body()).getString("ticketId");
    JsonObject t = new JsonObject(alice.get("/api/support/tickets").body()).getJsonArray("tickets").getJsonObject(0);
    assertThat(t.getString("ticketId")).isEqualTo(id);
    assertThat(t.getString("subject")).isEqualTo(evil);
    assertThat(t.getString("message")).isEqualTo(evil);
  }

  interface Call {
    HttpResponse<String> run() throws Exception;
  }

  private static int status(Call c) {
    try {
      return c.run().statusCode();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String body(Call c) {
    try {
      return c.run().body();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
