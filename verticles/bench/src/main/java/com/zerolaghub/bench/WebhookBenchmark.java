package com.zerolaghub.bench;

import com.zerolaghub.core.ports.ConsoleCloser;
import com.zerolaghub.core.ports.HostShutdownPort;
import com.zerolaghub.simulators.StripeWebhookSigner;
import com.zerolaghub.verticles.billing.BillingCapability;
import com.zerolaghub.verticles.config.DataConfig;
import com.zerolaghub.verticles.config.PlatformConfig;
import com.zerolaghub.verticles.http.Authentication;
import com.zerolaghub.verticles.http.ProblemException;
import com.zerolaghub.verticles.http.ProblemType;
import com.zerolaghub.verticles.projections.ProjectionsCapability;
import com.zerolaghub.verticles.runtime.Platform;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Signed Stripe webhooks against a real node (billing capability, durable PostgreSQL): each
 * delivery is verified, recorded once and applied to its account; 10% are replays of earlier
 * deliveries (re-signed, as Stripe does). Reports verified deliveries/s and latency percentiles.
 */
public final class WebhookBenchmark implements Benchmark {
  static final String SECRET = "whsec_bench";
  private final int deliveries;
  private final int concurrency;

  public WebhookBenchmark() {
    this(20_000, 32);
  }

  public WebhookBenchmark(int deliveries, int concurrency) {
    this.deliveries = deliveries;
    this.concurrency = concurrency;
  }

  @Override
  public String name() {
    return "webhook";
  }

  @Override
  public String description() {
    return "verified Stripe webhook deliveries/s and p99 with 10% replays (args: [deliveries] [concurrency])";
  }

  @Override
  public void run(List<String> args, PrintWriter out) throws Exception {
    out.println(new WebhookBenchmark(args.isEmpty() ? deliveries : Integer.parseInt(args.get(0)),
        args.size() < 2 ? concurrency : Integer.parseInt(args.get(1))).run().encode());
  }

  public JsonObject run() throws Exception {
    Vertx vertx = Vertx.vertx();
    try (BenchDatabase db = new BenchDatabase()) {
      DataConfig data = new DataConfig(Files.createTempDirectory("zlh-bench-webhook").toString());
      PlatformConfig config = PlatformConfig.defaults().with(c -> c
          .http(h -> h.port(0).host("127.0.0.1"))
          .db(d -> d.host("localhost").port(db.pg.getPort()).database("postgres").user("postgres").password("postgres").poolSize(16))
          .data(data)
          .billing(b -> b.stripeApiKey("sk_bench").webhookSecret(SECRET)));
      Authentication nobody = new Authentication() {
        @Override
        public Handler<RoutingContext> required() {
          return rc -> rc.fail(new ProblemException(ProblemType.UNAUTHORIZED, "bench"));
        }

        @Override
        public Handler<RoutingContext> admin() {
          return required();
        }
      };
      ProjectionsCapability projections = new ProjectionsCapability(nobody);
      HostShutdownPort hosts = new HostShutdownPort() {
        @Override
        public Future<List<String>> runningHosts(String accountId) {
          return Future.succeededFuture(List.of());
        }

        @Override
        public Future<Void> shutDown(String serverId, String cause) {
          return Future.succeededFuture();
        }
      };
      ConsoleCloser consoles = (serverId, code, reason) -> Future.succeededFuture();
      Platform node = Platform.builder(config).capabilities(List.of(projections.setup(),
          new BillingCapability(nobody, projections, hosts, consoles, Clock.systemUTC()), projections.launch()))
          .start().await(60, TimeUnit.SECONDS);
      try {
        HttpClient http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1")
            .setDefaultPort(node.httpPort()), new PoolOptions().setHttp1MaxSize(concurrency));
        StripeWebhookSigner signer = new StripeWebhookSigner(SECRET);
        int accounts = 1000;
        // Link every account first (not measured), so deliveries resolve customers as in production.
        LatencyRecorder setup = new LatencyRecorder(accounts);
        AppendBenchmark.await(ClosedLoop.run(vertx, accounts, concurrency, setup, i -> post(http, signer,
            checkout("evt_link_" + i, "u" + i, "cus_" + i))));
        List<String> sent = new ArrayList<>(deliveries);
        for (int i = 0; i < deliveries; i++) {
          int account = i % accounts;
          boolean paid = (i / accounts) % 2 == 1;
          sent.add(invoice("evt_" + i, paid ? "invoice.paid" : "invoice.payment_failed", "in_" + account + "_" + (i / (2 * accounts)),
              "cus_" + account));
        }
        LatencyRecorder latencies = new LatencyRecorder(deliveries);
        int[] replays = {0};
        long nanos = AppendBenchmark.await(ClosedLoop.run(vertx, deliveries, concurrency, latencies, i -> {
          boolean replay = i % 10 == 9 && i > concurrency;
          if (replay) replays[0]++;
          return post(http, signer, replay ? sent.get(i - concurrency - 1) : sent.get(i));
        }));
        double seconds = nanos / 1e9;
        return new JsonObject().put("bench", "webhook").put("deliveries", deliveries).put("replays", replays[0])
            .put("concurrency", concurrency).put("seconds", Math.round(seconds * 100) / 100.0)
            .put("deliveries_per_s", Math.round(deliveries / seconds))
            .put("p50_ms", latencies.percentileMillis(50)).put("p99_ms", latencies.percentileMillis(99));
      } finally {
        node.stop().await(15, TimeUnit.SECONDS);
      }
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  private static Future<Void> post(HttpClient http, StripeWebhookSigner signer, String payload) {
    String header = signer.header(payload, System.currentTimeMillis() / 1000);
    return http.request(new RequestOptions().setMethod(HttpMethod.POST).setURI("/api/billing/webhook")
            .putHeader("Content-Type", "application/json").putHeader("Stripe-Signature", header))
        .compose(req -> req.send(Buffer.buffer(payload)))
        .compose(resp -> resp.body().compose(body -> resp.statusCode() == 200 ? Future.<Void>succeededFuture()
            : Future.failedFuture("webhook answered " + resp.statusCode() + ": " + body)));
  }

  private static String checkout(String id, String account, String customer) {
    return envelope(id, "checkout.session.completed", new JsonObject().put("id", "cs_" + id).put("object", "checkout.session")
        .put("client_reference_id", account).put("customer", customer).put("subscription", "sub_" + account)
        .put("metadata", new JsonObject().put("plan", "pro")));
  }

  private static String invoice(String id, String type, String invoice, String customer) {
    long now = System.currentTimeMillis() / 1000;
    JsonObject object = new JsonObject().put("id", invoice).put("object", "invoice").put("customer", customer).put("created", now);
    if (type.equals("invoice.paid")) object.put("status", "paid").put("status_transitions", new JsonObject().put("paid_at", now));
    return envelope(id, type, object);
  }

  private static String envelope(String id, String type, JsonObject object) {
    return new JsonObject().put("id", id).put("object", "event").put("api_version", "2025-07-30.basil")
        .put("created", System.currentTimeMillis() / 1000).put("type", type)
        .put("data", new JsonObject().put("object", object)).encode();
  }
}
