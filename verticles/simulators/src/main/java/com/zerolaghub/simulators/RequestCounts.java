package com.zerolaghub.simulators;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many requests a simulator received, by {@code "METHOD /path"} (no query string, no
 * headers: tokens never land here). Counts rather than a list, so a long simulated run stays
 * small. Installed as a simulator's first handler: requests a fault plan answers count too.
 * Test hook: what reached the simulated system.
 */
public final class RequestCounts implements Handler<RoutingContext> {
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  @Override
  public void handle(RoutingContext ctx) {
    counts.computeIfAbsent(ctx.request().method().name() + " " + ctx.request().path(), k -> new LongAdder()).increment();
    ctx.next();
  }

  /** Requests received so far, by method and path, sorted. */
  public Map<String, Long> counts() {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  /** The requests received with this HTTP method ({@code "DELETE"}), by path. */
  public Map<String, Long> withMethod(String method) {
    String prefix = method.toUpperCase(Locale.ROOT) + " ";
    Map<String, Long> out = counts();
    out.keySet().removeIf(k -> !k.startsWith(prefix));
    return out;
  }
}
