package com.zerolaghub.simulators;

import static com.zerolaghub.simulators.Await.failure;
import static com.zerolaghub.simulators.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.core.infra.OutsideSystemException;
import com.zerolaghub.core.infra.OutsideSystemTimeoutException;
import com.zerolaghub.core.infra.RateLimitedException;
import com.zerolaghub.core.infra.dns.CloudflareDnsAdapter;
import com.zerolaghub.core.infra.dns.CloudflareOptions;
import com.zerolaghub.core.infra.dns.SrvRecord;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class CloudflareDnsAdapterTest {
  private static final String TOKEN = "cf-api-token-123";
  private static final String NAME = "_minecraft._tcp.alpha.zerolaghub.test";

  private Vertx vertx;
  private CloudflareSimulator cloudflare;
  private CloudflareDnsAdapter dns;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    this.vertx = vertx;
    cloudflare = new CloudflareSimulator(vertx, CloudflareSimulator.Options.defaults(TOKEN));
    result(cloudflare.start());
    dns = adapter(TOKEN, Duration.ofSeconds(2));
  }

  @AfterEach
  void stop() throws Exception {
    dns.close();
    result(cloudflare.stop());
  }

  private CloudflareDnsAdapter adapter(String token, Duration timeout) {
    return new CloudflareDnsAdapter(vertx, CloudflareOptions.of(cloudflare.zoneId(), token)
        .withApiBase(URI.create(cloudflare.apiBase()))
        .withRequestTimeout(timeout));
  }

  @Test
  @DisplayName("an SRV record is created, found by exact name and deleted; deleting again reports it gone")
  void srvRecordLifecycle() throws Exception {
    String id = result(dns.createSrv(NAME, "edge.zerolaghub.test", 25565, 0, 5));

    assertThat(id).matches("[0-9a-f]{32}");
    assertThat(result(dns.findSrv(NAME)))
        .containsExactly(new SrvRecord(id, NAME, "edge.zerolaghub.test", 25565, 0, 5, 1));
    assertThat(result(dns.findSrv("_minecraft._tcp.beta.zerolaghub.test"))).isEmpty();
    assertThat(cloudflare.records()).singleElement().satisfies(r -> {
      assertThat(r.type()).isEqualTo("SRV");
      assertThat(r.content()).isEqualTo("5 25565 edge.zerolaghub.test");
    });

    assertThat(result(dns.deleteRecord(id))).isTrue();
    assertThat(result(dns.deleteRecord(id))).isFalse();
    assertThat(result(dns.findSrv(NAME))).isEmpty();
  }

  @Test
  @DisplayName("a record already gone counts as deleted, whether Cloudflare answers 404/81044 or 400/1032")
  void goneRecordCountsAsDeleted() throws Exception {
    String id = result(dns.createSrv(NAME, "edge.zerolaghub.test", 25565, 0, 5));
    assertThat(result(dns.deleteRecord(id))).isTrue();

    assertThat(result(dns.deleteRecord(id))).as("deleted before: 400/1032").isFalse();
    assertThat(result(dns.deleteRecord("0123456789abcdef0123456789abcdef"))).as("never seen: 404/81044").isFalse();
  }

  @Test
  @DisplayName("a 429 carries Cloudflare's Retry-After, and the adapter sends nothing more before it has passed")
  void rateLimitIsHonoured() throws Exception {
    cloudflare.rateLimit(2, Duration.ofMinutes(5), Duration.ofSeconds(2));
    result(dns.findSrv(NAME));
    result(dns.findSrv(NAME));

    RateLimitedException limited = (RateLimitedException) failure(dns.findSrv(NAME));
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(2));
    assertThat(limited.transientFailure()).isTrue();

    assertThat(failure(dns.findSrv(NAME))).isInstanceOf(RateLimitedException.class);
    assertThat(cloudflare.rateLimited()).as("requests Cloudflare had to refuse").isEqualTo(1);
  }

  @Test
  @DisplayName("past its request budget the adapter sends nothing and says when it may again, before Cloudflare would block")
  void requestBudgetKeepsBulkReadsUnderTheLimit() throws Exception {
    CloudflareDnsAdapter frugal = new CloudflareDnsAdapter(vertx, CloudflareOptions.of(cloudflare.zoneId(), TOKEN)
        .withApiBase(URI.create(cloudflare.apiBase())).withRequestBudget(3));
    try {
      for (int i = 0; i < 3; i++) result(frugal.listSrv());
      long before = cloudflare.requests().counts().values().stream().mapToLong(Long::longValue).sum();

      RateLimitedException held = (RateLimitedException) failure(frugal.listSrv());

      assertThat(held.code()).isEqualTo("request_budget");
      assertThat(held.retryAfter()).isGreaterThan(Duration.ofMinutes(4)).isLessThanOrEqualTo(Duration.ofMinutes(5));
      assertThat(cloudflare.requests().counts().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(before);
    } finally {
      frugal.close();
    }
  }

  @Test
  @DisplayName("an identical record is refused with Cloudflare's error code")
  void identicalRecordIsRefused() throws Exception {
    result(dns.createSrv(NAME, "edge.zerolaghub.test", 25565, 0, 5));

    OutsideSystemException refused = (OutsideSystemException) failure(dns.createSrv(NAME, "edge.zerolaghub.test", 25565, 0, 5));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.code()).isEqualTo("81058");
    assertThat(cloudflare.records()).hasSize(1);
  }

  @Test
  @DisplayName("answers use the v4 envelope with result_info on lists")
  void answersUseTheEnvelope() throws Exception {
    result(dns.createSrv(NAME, "edge-1.zerolaghub.test", 25565, 0, 5));
    result(dns.createSrv(NAME, "edge-2.zerolaghub.test", 25565, 0, 5));
    result(dns.createSrv(NAME, "edge-3.zerolaghub.test", 25565, 0, 5));
    WebClient web = WebClient.create(vertx);
    try {
      JsonObject page = result(web.getAbs(cloudflare.apiBase() + "/zones/" + cloudflare.zoneId() + "/dns_records")
          .addQueryParam("type", "SRV").addQueryParam("name", NAME).addQueryParam("per_page", "2").addQueryParam("page", "2")
          .bearerTokenAuthentication(TOKEN).send()).bodyAsJsonObject();

      assertThat(page.getBoolean("success")).isTrue();
      assertThat(page.getJsonArray("errors")).isEmpty();
      assertThat(page.getJsonArray("messages")).isEmpty();
      assertThat(page.getJsonArray("result")).hasSize(1);
      assertThat(page.getJsonObject("result_info").getMap())
          .containsEntry("page", 2).containsEntry("per_page", 2).containsEntry("count", 1)
          .containsEntry("total_count", 3).containsEntry("total_pages", 2);
    } finally {
      web.close();
    }
    assertThat(result(dns.findSrv(NAME))).hasSize(3);
  }

  @Test
  @DisplayName("a wrong token fails with Cloudflare's authentication error")
  void wrongTokenFails() throws Exception {
    CloudflareDnsAdapter wrong = adapter("nope", Duration.ofSeconds(2));
    try {
      OutsideSystemException failure = (OutsideSystemException) failure(wrong.findSrv(NAME));
      assertThat(failure.status()).isEqualTo(401);
      assertThat(failure.code()).isEqualTo("10000");
      assertThat(failure.getMessage()).contains("Authentication error").doesNotContain("nope");
    } finally {
      wrong.close();
    }
  }

  @Test
  @DisplayName("5xx and hanging answers surface as typed errors within the deadline")
  void serverTroubleIsTyped() throws Exception {
    cloudflare.faults(FaultPlan.none().failing("POST", "/dns_records$", 502));
    OutsideSystemException failed = (OutsideSystemException) failure(dns.createSrv(NAME, "edge.zerolaghub.test", 25565, 0, 5));
    assertThat(failed.status()).isEqualTo(502);
    assertThat(failed.transientFailure()).isTrue();
    assertThat(cloudflare.records()).isEmpty();

    dns.close();
    dns = adapter(TOKEN, Duration.ofMillis(250));
    cloudflare.faults(FaultPlan.none().hanging("/dns_records"));
    assertThat(failure(dns.findSrv(NAME))).isInstanceOf(OutsideSystemTimeoutException.class);
  }
}
