package com.zerolaghub.core.infra.dns;

import com.zerolaghub.core.infra.OutsideCall;
import com.zerolaghub.core.infra.OutsideSystem;
import com.zerolaghub.core.infra.OutsideSystemException;
import com.zerolaghub.core.infra.RateLimitedException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * {@link DnsPort} over the Cloudflare API v4 {@code dns_records} endpoints with a bearer API
 * token. Every answer is the v4 envelope {@code {success, errors:[{code,message}], messages,
 * result, result_info}}; {@code success:false} becomes an {@link OutsideSystemException} whose
 * code is Cloudflare's first error code.
 *
 * <p>Rate limit: Cloudflare allows 1,200 requests per 5 minutes per user, then blocks every call
 * for 5 minutes with 429 and {@code Retry-After} (https://developers.cloudflare.com/fundamentals/api/reference/limits/).
 * A 429 becomes a {@link RateLimitedException}, and until its {@code Retry-After} has passed this
 * adapter sends nothing more (each call fails at once the same way): calls made during a block
 * would only be refused again. Nor does it send more than {@link CloudflareOptions#requestBudget()}
 * calls in any 5 minutes: past that a call fails the same way, unsent, until the oldest one
 * leaves the window, so a burst of bulk reads or repairs never earns the 5-minute block.
 */
public final class CloudflareDnsAdapter implements DnsPort, AutoCloseable {
  /** Cloudflare's error code for "Record does not exist." */
  static final int RECORD_DOES_NOT_EXIST = 81044;
  /** Cloudflare's error code for an identifier it does not know (answered with 400 for ids of deleted records). */
  static final int INVALID_RECORD_IDENTIFIER = 1032;
  /** Without a usable {@code Retry-After}: Cloudflare's documented block. */
  static final Duration DEFAULT_BLOCK = Duration.ofMinutes(5);
  private static final int PAGE_SIZE = 100;
  /** Whole-zone reads (the controller's pass) take big pages: one call per 5,000 records. */
  private static final int LIST_PAGE_SIZE = 5_000;

  private final CloudflareOptions options;
  private final WebClient client;
  private final String records;
  /** System.nanoTime() before which Cloudflare asked us to send nothing; 0 when not blocked. */
  private final AtomicLong blockedUntilNanos = new AtomicLong();
  /** System.nanoTime() of the calls sent in the last 5 minutes, oldest first; guarded by itself. */
  private final ArrayDeque<Long> sent = new ArrayDeque<>();
  private static final Duration WINDOW = Duration.ofMinutes(5);

  public CloudflareDnsAdapter(Vertx vertx, CloudflareOptions options) {
    this.options = options;
    this.client = WebClient.create(vertx, new WebClientOptions().setUserAgent("zlh-control-plane"));
    String base = options.apiBase().toString();
    this.records = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
        + "/zones/" + options.zoneId() + "/dns_records";
  }

  @Override
  public Future<List<SrvRecord>> findSrv(String name) {
    return findPage(name, 1, new ArrayList<>());
  }

  @Override
  public Future<List<SrvRecord>> listSrv() {
    return findPage(null, 1, new ArrayList<>());
  }

  /** One page of the zone's SRV records, all of them or those named {@code name}, then the next. */
  private Future<List<SrvRecord>> findPage(String name, int page, List<SrvRecord> found) {
    HttpRequest<Buffer> request = request(HttpMethod.GET, records)
        .addQueryParam("type", "SRV")
        .addQueryParam("page", Integer.toString(page))
        .addQueryParam("per_page", Integer.toString(name == null ? LIST_PAGE_SIZE : PAGE_SIZE));
    if (name != null) request.addQueryParam("name", name);
    return call(name == null ? "list SRV records" : "find SRV " + name, request, HttpRequest::send).compose(envelope -> {
      JsonArray result = envelope.getJsonArray("result", new JsonArray());
      for (Object item : result) {
        if (item instanceof JsonObject record && "SRV".equals(record.getString("type"))
            && (name == null || name.equalsIgnoreCase(record.getString("name")))) {
          found.add(srv(record));
        }
      }
      JsonObject info = envelope.getJsonObject("result_info");
      int totalPages = info == null ? 1 : info.getInteger("total_pages", 1);
      return page < totalPages && !result.isEmpty()
          ? findPage(name, page + 1, found)
          : Future.succeededFuture(List.copyOf(found));
    });
  }

  @Override
  public Future<String> createSrv(String name, String target, int port, int priority, int weight) {
    JsonObject body = new JsonObject()
        .put("type", "SRV")
        .put("name", name)
        .put("ttl", options.ttl())
        .put("data", new JsonObject()
            .put("priority", priority)
            .put("weight", weight)
            .put("port", port)
            .put("target", target));
    return call("create SRV " + name, request(HttpMethod.POST, records), r -> r.sendJsonObject(body))
        .map(envelope -> envelope.getJsonObject("result", new JsonObject()).getString("id"));
  }

  @Override
  public Future<Boolean> deleteRecord(String id) {
    return call("delete record " + id, request(HttpMethod.DELETE, records + "/" + id), HttpRequest::send)
        .map(envelope -> true)
        .recover(e -> alreadyGone(e) ? Future.succeededFuture(false) : Future.failedFuture(e));
  }

  /** Cloudflare answers a record that is gone with 404/81044 or, for ids of deleted records, 400/1032. */
  static boolean alreadyGone(Throwable e) {
    return e instanceof OutsideSystemException failure
        && ((failure.status() == 404 && String.valueOf(RECORD_DOES_NOT_EXIST).equals(failure.code()))
            || (failure.status() == 400 && String.valueOf(INVALID_RECORD_IDENTIFIER).equals(failure.code())));
  }

  @Override
  public void close() {
    client.close();
  }

  private HttpRequest<Buffer> request(HttpMethod method, String url) {
    return client.requestAbs(method, url)
        .putHeader("Authorization", "Bearer " + options.apiToken())
        .putHeader("Accept", "application/json");
  }

  private Future<JsonObject> call(
      String operation,
      HttpRequest<Buffer> request,
      Function<HttpRequest<Buffer>, Future<HttpResponse<Buffer>>> sender) {
    long blockedFor = blockedUntilNanos.get() - System.nanoTime();
    if (blockedUntilNanos.get() != 0 && blockedFor > 0) {
      Duration wait = Duration.ofNanos(blockedFor);
      return Future.failedFuture(new RateLimitedException(OutsideSystem.CLOUDFLARE, 429, "rate_limited",
          "cloudflare " + operation + " not sent: the API rate limit is in force", wait));
    }
    Duration budgetWait = spendBudget();
    if (budgetWait != null) {
      return Future.failedFuture(new RateLimitedException(OutsideSystem.CLOUDFLARE, 429, "request_budget",
          "cloudflare " + operation + " not sent: " + options.requestBudget() + " calls in the last 5 minutes", budgetWait));
    }
    return OutsideCall.send(OutsideSystem.CLOUDFLARE, "cloudflare " + operation, options.requestTimeout(), request, sender)
        .compose(this::envelope);
  }

  /** Counts one call against the budget; null when it may go, else how long until one may. */
  private Duration spendBudget() {
    long now = System.nanoTime();
    synchronized (sent) {
      while (!sent.isEmpty() && now - sent.peekFirst() >= WINDOW.toNanos()) sent.pollFirst();
      if (sent.size() >= options.requestBudget()) {
        return Duration.ofNanos(sent.peekFirst() + WINDOW.toNanos() - now);
      }
      sent.addLast(now);
      return null;
    }
  }

  private Future<JsonObject> envelope(HttpResponse<Buffer> response) {
    JsonObject body;
    try {
      body = response.bodyAsJsonObject();
    } catch (RuntimeException notJson) {
      body = null;
    }
    int status = response.statusCode();
    if (body != null && body.getBoolean("success", false) && status >= 200 && status < 300) {
      return Future.succeededFuture(body);
    }
    String code = "http_" + status;
    StringBuilder message = new StringBuilder();
    JsonArray errors = body == null ? null : body.getJsonArray("errors");
    if (errors != null) {
      for (Object item : errors) {
        if (item instanceof JsonObject error) {
          if (message.length() == 0 && error.getValue("code") != null) {
            code = String.valueOf(error.getValue("code"));
          }
          message.append(message.length() == 0 ? "" : "; ").append(error.getString("message"));
        }
      }
    }
    if (message.length() == 0) {
      message.append(response.statusMessage());
    }
    if (status == 429) {
      Duration wait = retryAfter(response.getHeader("Retry-After"));
      blockedUntilNanos.set(System.nanoTime() + wait.toNanos());
      return Future.failedFuture(new RateLimitedException(OutsideSystem.CLOUDFLARE, status, code, message.toString(), wait));
    }
    return Future.failedFuture(new OutsideSystemException(OutsideSystem.CLOUDFLARE, status, code, message.toString()));
  }

  /** {@code Retry-After} in seconds (Cloudflare sends seconds, rounded up); the documented block otherwise. */
  private static Duration retryAfter(String header) {
    try {
      long seconds = header == null ? -1 : Long.parseLong(header.trim());
      return seconds >= 0 ? Duration.ofSeconds(seconds) : DEFAULT_BLOCK;
    } catch (NumberFormatException notSeconds) {
      return DEFAULT_BLOCK;
    }
  }

  private static SrvRecord srv(JsonObject record) {
    JsonObject data = record.getJsonObject("data");
    int priority;
    int weight;
    int port;
    String target;
    if (data != null) {
      priority = data.getInteger("priority", 0);
      weight = data.getInteger("weight", 0);
      port = data.getInteger("port", 0);
      target = data.getString("target");
    } else {
      // older answers: content "weight port target", priority beside it
      String[] content = String.valueOf(record.getString("content")).split(" ");
      priority = record.getInteger("priority", 0);
      weight = content.length == 3 ? Integer.parseInt(content[0]) : 0;
      port = content.length == 3 ? Integer.parseInt(content[1]) : 0;
      target = content.length == 3 ? content[2] : null;
    }
    return new SrvRecord(
        record.getString("id"), record.getString("name"), target, port, priority, weight, record.getInteger("ttl", 1));
  }
}
