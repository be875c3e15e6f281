package com.zerolaghub.verticles.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.events.ExpectedVersion;
import com.zerolaghub.events.NewEvent;
import com.zerolaghub.events.billing.BillingEvent.CustomerLinked;
import com.zerolaghub.events.billing.BillingStreams;
import com.zerolaghub.events.billing.StripeCustomerClaimed;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Operators find accounts and read them whole, and list servers across accounts")
class AccountsAndServersTest {
  private static Operators ops;

  @BeforeAll
  static void start() throws Exception {
    ops = Operators.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (ops != null) ops.close();
  }

  @Test
  void anAdministratorFindsACustomerByEmailUsernameIdOrStripeCustomerAndReadsTheirWholeAccount() throws Exception {
    String[] customer = ops.customer();
    String[] other = ops.customer();
    String[] admin = ops.administrator();
    JsonObject me = ops.json(customer[1], "/api/me");
    String email = me.getString("email");
    String username = me.getString("username");
    String serverId = ops.runningDevServer(customer[1]);
    String cus = "cus_T" + Long.toHexString(System.nanoTime());
    var store = ops.node.platform.context().store();
    store.append(BillingStreams.stripeCustomer(cus), ExpectedVersion.NO_STREAM,
            List.of(NewEvent.of(new StripeCustomerClaimed(cus, customer[0], Instant.now()), EventMetadata.system("stripe"))))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    store.append(BillingStreams.billing(customer[0]), ExpectedVersion.ANY,
            List.of(NewEvent.of(new CustomerLinked(customer[0], cus, "sub_1", "pro", "stripe:evt_1", Instant.now()),
                EventMetadata.system("stripe"))))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    HttpResponse<String> ticket = ops.post(customer[1], "/api/support/create", new JsonObject().put("subject", "lag spikes")
        .put("message", "my server lags").put("category", "technical").put("serverId", serverId));
    assertThat(ticket.statusCode()).as(ticket.body()).isEqualTo(201);

    for (String q : List.of(email.substring(0, email.indexOf('@')).toUpperCase(), username, customer[0], cus)) {
      JsonArray found = ops.json(admin[1], "/api/admin/accounts?q=" + q).getJsonArray("accounts");
      assertThat(found.stream().map(a -> ((JsonObject) a).getString("id"))).as("q=" + q).containsExactly(customer[0]);
    }
    assertThat(ops.json(admin[1], "/api/admin/accounts?q=_").getJsonArray("accounts")).as("a wildcard is a character").isEmpty();
    assertThat(ops.get(customer[1], "/api/admin/accounts?q=" + other[0]).statusCode()).isEqualTo(403);

    JsonObject dossier = ops.json(admin[1], "/api/admin/accounts/" + customer[0]);
    assertThat(dossier.getJsonObject("account").getString("email")).isEqualTo(email);
    assertThat(dossier.getJsonArray("servers").stream().map(s -> ((JsonObject) s).getString("serverId"))).containsExactly(serverId);
    JsonObject billing = dossier.getJsonObject("billing");
    assertThat(billing.getString("standing")).isEqualTo("good");
    assertThat(billing.getString("stripeCustomerId")).isEqualTo(cus);
    assertThat(billing.getString("plan")).isEqualTo("pro");
    assertThat(billing.getJsonArray("history").getJsonObject(0).getString("text")).isEqualTo("Stripe customer " + cus + " linked, plan pro");
    assertThat(billing.getJsonArray("history").getJsonObject(0).getJsonObject("cause").getString("kind")).isEqualTo("stripe");
    JsonObject t = dossier.getJsonArray("tickets").getJsonObject(0);
    assertThat(t.getString("subject")).isEqualTo("lag spikes");
    assertThat(t.getString("status")).isEqualTo("open");
    assertThat(dossier.getLong("liveSessions")).isEqualTo(1L);

    assertThat(ops.get(customer[1], "/api/admin/accounts/" + customer[0]).statusCode()).isEqualTo(403);
    assertThat(ops.get(admin[1], "/api/admin/accounts/no-such-account").statusCode()).isEqualTo(404);
  }

  @Test
  void serversAcrossAccountsFilterByStateKindOwnerAndNode() throws Exception {
    String[] first = ops.customer();
    String[] second = ops.customer();
    String[] admin = ops.administrator();
    String running = ops.runningDevServer(first[1]);
    String stopped = ops.runningDevServer(second[1]);
    assertThat(ops.post(second[1], "/api/servers/" + stopped + "/host/stop", null).statusCode()).isEqualTo(202);
    Operators.eventually("stopped", () -> ops.json(second[1], "/api/servers/" + stopped).getString("lifecycle").equals("stopped"));

    assertThat(ids(admin[1], "/api/admin/servers")).contains(running, stopped);
    assertThat(ids(admin[1], "/api/admin/servers?state=stopped")).contains(stopped).doesNotContain(running);
    assertThat(ids(admin[1], "/api/admin/servers?state=running&kind=dev")).contains(running).doesNotContain(stopped);
    assertThat(ids(admin[1], "/api/admin/servers?kind=game")).doesNotContain(running, stopped);
    assertThat(ids(admin[1], "/api/admin/servers?owner=" + first[0])).containsExactly(running);
    String node = ops.node.sims().proxmox().node();
    JsonObject one = ops.json(admin[1], "/api/admin/servers?owner=" + first[0] + "&node=" + node).getJsonArray("servers").getJsonObject(0);
    assertThat(one.getString("node")).isEqualTo(node);
    assertThat(one.getString("ownerId")).isEqualTo(first[0]);
    assertThat(ids(admin[1], "/api/admin/servers?node=pve-elsewhere")).isEmpty();
    assertThat(ops.get(first[1], "/api/admin/servers").statusCode()).isEqualTo(403);
    assertThat(ops.get(admin[1], "/api/admin/servers?state=sleeping").statusCode()).isEqualTo(400);
  }

  private static List<String> ids(String token, String path) {
    return ops.json(token, path).getJsonArray("servers").stream().map(s -> ((JsonObject) s).getString("serverId")).toList();
  }
}
