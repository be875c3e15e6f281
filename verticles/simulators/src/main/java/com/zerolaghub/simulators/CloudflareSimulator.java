package com.zerolaghub.simulators;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One Cloudflare zone's {@code dns_records} under {@code /client/v4}, with a bearer API token.
 * Every answer is the v4 envelope {@code {success, errors:[{code,message}], messages, result}}
 * (lists add {@code result_info {page, per_page, count, total_count, total_pages}}).
 *
 * <p>Sources: Cloudflare API reference, DNS records — create
 * https://developers.cloudflare.com/api/resources/dns/subresources/records/methods/create/, list
 * https://developers.cloudflare.com/api/resources/dns/subresources/records/methods/list/, delete
 * https://developers.cloudflare.com/api/resources/dns/subresources/records/methods/delete/ (SRV
 * {@code data {priority, weight, port, target}}, {@code ttl} 1 = automatic, bearer token auth);
 * error codes as the API answers them: 10000 "Authentication error", 9106 missing credentials,
 * 81044 "Record does not exist.", 81058 "An identical record already exists.", 7003 unknown zone.
 *
 * <p>Filters on list: {@code type}, {@code name} (exact, also {@code name.exact}), {@code content},
 * {@code page}, {@code per_page}. Other record types are stored with their {@code content} only.
 *
 * <p>Rate limit (https://developers.cloudflare.com/fundamentals/api/reference/limits/): 1,200
 * requests per 5 minutes per user; past it every call is blocked for 5 minutes with 429 and
 * {@code retry-after} (seconds, rounded up), error 971 "Please wait and consider throttling your
 * request speed" as clients report it (e.g. https://github.com/cloudflare/workers-sdk/issues/10025).
 * Off unless a test sets it with
 * {@link #rateLimit(int, Duration, Duration)} (the default node's drift passes alone would pass it).
 *
 * <p>Deleting a record that is gone: 404 81044 "Record does not exist." for an id never seen, 400
 * 1032 "Invalid dns record identifier" for the id of a record deleted before; clients meet both.
 *
 * <p>Test hooks: {@link #records()}, {@link #faults()}/{@link #faults(FaultPlan)},
 * {@link #rateLimit(int, Duration, Duration)}, {@link #rateLimited()}.
 */
public final class CloudflareSimulator {
  /** Options: listen address/port (0 = free), the zone and the accepted API token. */
  public record Options(String host, int port, String zoneId, String zoneName, String apiToken) {
    public static final String DEFAULT_ZONE_ID = "023e105f4ecef8ad9ca31a8372d0c353";
    public static final String DEFAULT_ZONE_NAME = "zerolaghub.test";

    public static Options defaults(String apiToken) {
      return new Options("127.0.0.1", 0, DEFAULT_ZONE_ID, DEFAULT_ZONE_NAME, apiToken);
    }

    @Override
    public String toString() {
      return "CloudflareSimulator.Options[" + host + ":" + port + ", zone=" + zoneName + ", apiToken=***]";
    }
  }

  private static final String BASE = "/client/v4";

  private final Vertx vertx;
  private final Options options;
  private final Map<String, JsonObject> records = new LinkedHashMap<>();
  private final AtomicReference<FaultPlan> faults = new AtomicReference<>(FaultPlan.none());
  private final RequestCounts requests = new RequestCounts();
  private final Set<String> deletedIds = ConcurrentHashMap.newKeySet();
  /** Rate limit: requests allowed per window (0: unlimited), the window, the block after it; guarded by itself. */
  private final Deque<Long> recentRequests = new ArrayDeque<>();
  private int limitRequests;
  private long limitWindowMillis;
  private long limitBlockMillis;
  private long blockedUntilMillis;
  private final AtomicInteger rateLimited = new AtomicInteger();
  private HttpServer server;

  public CloudflareSimulator(Vertx vertx, Options options) {
    this.vertx = vertx;
    this.options = options;
  }

  public Future<Void> start() {
    Router router = Router.router(vertx);
    router.route().handler(requests);
    router.route().handler(new FaultInjector(vertx, faults::get,
        (ctx, status) -> fail(ctx, status, 10013, "simulated failure (" + status + ")")));
    router.route().handler(BodyHandler.create(false).setBodyLimit(64 * 1024));
    router.route().handler(this::authenticate);
    router.route().handler(this::limitRate);
    router.route(BASE + "/zones/:zone/*").handler(this::checkZone);
    router.get(BASE + "/zones/:zone/dns_records").handler(this::list);
    router.post(BASE + "/zones/:zone/dns_records").handler(this::create);
    router.get(BASE + "/zones/:zone/dns_records/:id").handler(this::read);
    router.delete(BASE + "/zones/:zone/dns_records/:id").handler(this::delete);
    router.route().last().handler(ctx -> fail(ctx, 400, 7000, "No route for that URI"));
    return vertx.createHttpServer().requestHandler(router).listen(options.port(), options.host())
        .onSuccess(s -> server = s).mapEmpty();
  }

  public Future<Void> stop() {
    HttpServer running = server;
    server = null;
    return running == null ? Future.succeededFuture() : running.close();
  }

  public int port() {
    return server == null ? options.port() : server.actualPort();
  }

  /** The API base the adapter is configured with, e.g. {@code http://127.0.0.1:40125/client/v4}. */
  public String apiBase() {
    return "http://" + options.host() + ":" + port() + BASE;
  }

  public String zoneId() {
    return options.zoneId();
  }

  public String zoneName() {
    return options.zoneName();
  }

  /** Test hook: all records, in creation order. */
  public List<SimulatedDnsRecord> records() {
    synchronized (records) {
      return records.values().stream().map(CloudflareSimulator::snapshot).toList();
    }
  }

  /** Test hook: deletes a record as an API client (or the dashboard) would. */
  public void removeRecord(String id) {
    synchronized (records) {
      if (records.remove(id) == null) throw new IllegalArgumentException("no record " + id);
    }
    deletedIds.add(id);
  }

  /** Test hook: every API request received (method and path). */
  public RequestCounts requests() {
    return requests;
  }

  public FaultPlan faults() {
    return faults.get();
  }

  public void faults(FaultPlan plan) {
    faults.set(plan);
  }

  /**
   * Test hook: Cloudflare's rate limit, scaled: {@code requests} per {@code window}, then every
   * call blocked for {@code block}. {@code rateLimit(1200, 5 min, 5 min)} is the real one; 0 requests: off.
   */
  public void rateLimit(int requests, Duration window, Duration block) {
    synchronized (recentRequests) {
      limitRequests = requests;
      limitWindowMillis = window.toMillis();
      limitBlockMillis = block.toMillis();
      recentRequests.clear();
      blockedUntilMillis = 0;
    }
  }

  /**
   * Test hook: the budget is spent elsewhere (Cloudflare counts per user, dashboard and every
   * token together): the block starts now, for the configured block time.
   */
  public void exhaustBudget() {
    synchronized (recentRequests) {
      if (limitRequests <= 0) throw new IllegalStateException("set a rate limit first");
      recentRequests.clear();
      blockedUntilMillis = System.currentTimeMillis() + limitBlockMillis;
    }
  }

  /** Test hook: how many requests were answered 429. */
  public int rateLimited() {
    return rateLimited.get();
  }

  private void limitRate(RoutingContext ctx) {
    long now = System.currentTimeMillis();
    long retryAfterMillis = 0;
    synchronized (recentRequests) {
      if (limitRequests > 0) {
        if (now < blockedUntilMillis) {
          retryAfterMillis = blockedUntilMillis - now;
        } else {
          while (!recentRequests.isEmpty() && recentRequests.peekFirst() <= now - limitWindowMillis) {
            recentRequests.pollFirst();
          }
          if (recentRequests.size() >= limitRequests) {
            blockedUntilMillis = now + limitBlockMillis;
            recentRequests.clear();
            retryAfterMillis = limitBlockMillis;
          } else {
            recentRequests.addLast(now);
          }
        }
      }
    }
    if (retryAfterMillis > 0) {
      rateLimited.incrementAndGet();
      ctx.response().putHeader("Retry-After", Long.toString((retryAfterMillis + 999) / 1000));
      fail(ctx, 429, 971, "Please wait and consider throttling your request speed");
      return;
    }
    ctx.next();
  }

  private void authenticate(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null) {
      fail(ctx, 400, 9106, "Missing X-Auth-Key, X-Auth-Email or Authorization headers");
      return;
    }
    String expected = "Bearer " + options.apiToken();
    if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), header.getBytes(StandardCharsets.UTF_8))) {
      fail(ctx, 401, 10000, "Authentication error");
      return;
    }
    ctx.next();
  }

  private void checkZone(RoutingContext ctx) {
    if (!options.zoneId().equals(ctx.pathParam("zone"))) {
      fail(ctx, 400, 7003, "Could not route to " + ctx.request().path().replaceFirst("^" + BASE, "")
          + ", perhaps your object identifier is invalid?");
      return;
    }
    ctx.next();
  }

  private void list(RoutingContext ctx) {
    String type = ctx.request().getParam("type");
    String name = ctx.request().getParam("name") != null ? ctx.request().getParam("name") : ctx.request().getParam("name.exact");
    String content = ctx.request().getParam("content");
    int page = Math.max(1, intParam(ctx, "page", 1));
    int perPage = Math.max(1, Math.min(5_000_000, intParam(ctx, "per_page", 100)));
    List<JsonObject> matching = new ArrayList<>();
    synchronized (records) {
      for (JsonObject record : records.values()) {
        if ((type == null || type.equalsIgnoreCase(record.getString("type")))
            && (name == null || name.toLowerCase(Locale.ROOT).equals(record.getString("name")))
            && (content == null || content.equals(record.getString("content")))) {
          matching.add(record.copy());
        }
      }
    }
    int from = Math.min(matching.size(), (page - 1) * perPage);
    int to = Math.min(matching.size(), from + perPage);
    JsonArray result = new JsonArray(new ArrayList<>(matching.subList(from, to)));
    JsonObject info = new JsonObject()
        .put("page", page)
        .put("per_page", perPage)
        .put("count", result.size())
        .put("total_count", matching.size())
        .put("total_pages", Math.max(1, (matching.size() + perPage - 1) / perPage));
    ok(ctx, 200, result, info);
  }

  private void read(RoutingContext ctx) {
    JsonObject record;
    synchronized (records) {
      record = records.get(ctx.pathParam("id"));
    }
    if (record == null) {
      fail(ctx, 404, 81044, "Record does not exist.");
      return;
    }
    ok(ctx, 200, record.copy(), null);
  }

  private void create(RoutingContext ctx) {
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (RuntimeException notJson) {
      body = null;
    }
    if (body == null) {
      fail(ctx, 400, 9207, "Request body is invalid.");
      return;
    }
    String type = String.valueOf(body.getString("type", "")).toUpperCase(Locale.ROOT);
    String name = String.valueOf(body.getString("name", "")).toLowerCase(Locale.ROOT);
    if (type.isEmpty() || name.isEmpty()) {
      fail(ctx, 400, 9000, "DNS name is invalid.");
      return;
    }
    if (!name.equals(options.zoneName()) && !name.endsWith("." + options.zoneName())) {
      fail(ctx, 400, 1004, "DNS Validation Error: name " + name + " is not in zone " + options.zoneName());
      return;
    }
    JsonObject record = new JsonObject()
        .put("id", HexFormat.of().formatHex(randomBytes(16)))
        .put("zone_id", options.zoneId())
        .put("zone_name", options.zoneName())
        .put("name", name)
        .put("type", type)
        .put("ttl", body.getInteger("ttl", 1))
        .put("proxiable", false)
        .put("proxied", false)
        .put("locked", false)
        .put("comment", body.getString("comment"))
        .put("tags", new JsonArray())
        .put("meta", new JsonObject().put("auto_added", false))
        .put("created_on", Instant.now().toString())
        .put("modified_on", Instant.now().toString());
    if (type.equals("SRV")) {
      JsonObject data = body.getJsonObject("data");
      if (data == null || !(data.getValue("port") instanceof Number) || !(data.getValue("target") instanceof String)
          || !(data.getValue("priority") instanceof Number) || !(data.getValue("weight") instanceof Number)) {
        fail(ctx, 400, 1004, "DNS Validation Error: SRV records need data.priority, data.weight, data.port and data.target");
        return;
      }
      JsonObject srv = new JsonObject()
          .put("priority", data.getInteger("priority"))
          .put("weight", data.getInteger("weight"))
          .put("port", data.getInteger("port"))
          .put("target", data.getString("target"));
      record.put("data", srv)
          .put("priority", srv.getInteger("priority"))
          .put("content", srv.getInteger("weight") + " " + srv.getInteger("port") + " " + srv.getString("target"));
    } else {
      record.put("content", body.getString("content", ""));
    }
    synchronized (records) {
      for (JsonObject existing : records.values()) {
        if (existing.getString("type").equals(type) && existing.getString("name").equals(name)
            && existing.getString("content").equals(record.getString("content"))) {
          fail(ctx, 400, 81058, "An identical record already exists.");
          return;
        }
      }
      records.put(record.getString("id"), record);
    }
    ok(ctx, 200, record.copy(), null);
  }

  private void delete(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    JsonObject removed;
    synchronized (records) {
      removed = records.remove(id);
    }
    if (removed == null && deletedIds.contains(id)) {
      fail(ctx, 400, 1032, "Invalid dns record identifier");
      return;
    }
    if (removed == null) {
      fail(ctx, 404, 81044, "Record does not exist.");
      return;
    }
    deletedIds.add(id);
    ok(ctx, 200, new JsonObject().put("id", id), null);
  }

  private static SimulatedDnsRecord snapshot(JsonObject r) {
    JsonObject data = r.getJsonObject("data", new JsonObject());
    return new SimulatedDnsRecord(r.getString("id"), r.getString("type"), r.getString("name"), r.getString("content"),
        data.getInteger("priority", 0), data.getInteger("weight", 0), data.getInteger("port", 0),
        data.getString("target"), r.getInteger("ttl", 1));
  }

  private static int intParam(RoutingContext ctx, String name, int fallback) {
    try {
      String value = ctx.request().getParam(name);
      return value == null ? fallback : Integer.parseInt(value);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    ThreadLocalRandom.current().nextBytes(bytes);
    return bytes;
  }

  private static void ok(RoutingContext ctx, int status, Object result, JsonObject resultInfo) {
    JsonObject envelope = new JsonObject()
        .put("success", true)
        .put("errors", new JsonArray())
        .put("messages", new JsonArray())
        .put("result", result);
    if (resultInfo != null) {
      envelope.put("result_info", resultInfo);
    }
    send(ctx, status, envelope);
  }

  private static void fail(RoutingContext ctx, int status, int code, String message) {
    send(ctx, status, new JsonObject()
        .put("success", false)
        .put("errors", new JsonArray().add(new JsonObject().put("code", code).put("message", message)))
        .put("messages", new JsonArray())
        .putNull("result"));
  }

  private static void send(RoutingContext ctx, int status, JsonObject body) {
    if (!ctx.response().ended()) {
      ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }
  }
}
