package com.zerolaghub.verticles.monitoring;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The PromQL behind a server card and how its answer becomes a {@link ServerCardSummary}. One
 * instant query asks for every figure and, beside each, the timestamp of the newest sample it
 * rests on ({@code timestamp()} of the instant selector: empty once Prometheus has marked the
 * series stale, e.g. after a failed scrape). The parts are told apart by a {@code part} label.
 * Ages are measured against Prometheus's own evaluation time, so clock skew between this node
 * and Prometheus does not matter.
 *
 * <p>Rates use {@code irate} (the last two samples in the minute), not {@code rate}: {@code rate}
 * divides by the whole window, so while a new container has less than a minute of samples it
 * under-reads, and CPU (computed as 1 − idle) showed ~98 % on an idle server for its first
 * minute against a real Prometheus.
 */
final class ServerCardQuery {
  static final String PART = "part";

  private ServerCardQuery() {}

  /** The query for one container; {@code vmid} is a number, so nothing needs escaping. */
  static String promql(int vmid) {
    String v = "vmid=\"" + vmid + "\"";
    String cpu = "node_cpu_seconds_total{mode=\"idle\"," + v + "}";
    String memAvailable = "node_memory_MemAvailable_bytes{" + v + "}";
    String memTotal = "node_memory_MemTotal_bytes{" + v + "}";
    String fsAvail = "node_filesystem_avail_bytes{mountpoint=\"/\"," + v + "}";
    String fsSize = "node_filesystem_size_bytes{mountpoint=\"/\"," + v + "}";
    String rx = "node_network_receive_bytes_total{device!=\"lo\"," + v + "}";
    String tx = "node_network_transmit_bytes_total{device!=\"lo\"," + v + "}";
    return String.join(" or ",
        part("cpu", "100 * (1 - avg(irate(" + cpu + "[1m])))"),
        part("cpu_at", "max(timestamp(" + cpu + "))"),
        part("mem", "100 * (1 - sum(" + memAvailable + ") / sum(" + memTotal + "))"),
        part("mem_at", "max(timestamp(" + memAvailable + "))"),
        part("disk", "100 * (1 - sum(" + fsAvail + ") / sum(" + fsSize + "))"),
        part("disk_at", "max(timestamp(" + fsAvail + "))"),
        part("net_in", "sum(irate(" + rx + "[1m]))"),
        part("net_in_at", "max(timestamp(" + rx + "))"),
        part("net_out", "sum(irate(" + tx + "[1m]))"),
        part("net_out_at", "max(timestamp(" + tx + "))"));
  }

  /**
   * @param data       the {@code data} member of a successful {@code /api/v1/query} answer
   * @param staleAfter a figure whose newest sample is older than this is missing
   */
  static ServerCardSummary summarize(JsonObject data, Duration staleAfter) {
    if (!"vector".equals(data.getString("resultType"))) {
      throw new IllegalArgumentException("expected an instant vector, got " + data.getString("resultType"));
    }
    Map<String, Double> parts = new HashMap<>();
    double evaluatedAt = Double.NaN;
    JsonArray result = data.getJsonArray("result", new JsonArray());
    for (int i = 0; i < result.size(); i++) {
      JsonObject sample = result.getJsonObject(i);
      String part = sample.getJsonObject("metric", new JsonObject()).getString(PART);
      JsonArray value = sample.getJsonArray("value");
      if (part == null || value == null || value.size() != 2) continue;
      evaluatedAt = ((Number) value.getValue(0)).doubleValue();
      parts.put(part, parse(value.getString(1)));
    }
    double now = evaluatedAt;
    Figure cpu = figure(parts, "cpu", now, staleAfter);
    Figure mem = figure(parts, "mem", now, staleAfter);
    Figure disk = figure(parts, "disk", now, staleAfter);
    Figure in = figure(parts, "net_in", now, staleAfter);
    Figure out = figure(parts, "net_out", now, staleAfter);
    double newest = Double.NaN;
    boolean stale = false;
    for (Figure f : new Figure[] {cpu, mem, disk, in, out}) {
      if (f.value() == null) stale = true;
      else if (Double.isNaN(newest) || f.sampledAt() > newest) newest = f.sampledAt();
    }
    Instant sampledAt = Double.isNaN(newest) ? null : Instant.ofEpochMilli(Math.round(newest * 1000));
    return new ServerCardSummary(percent(cpu.value()), percent(mem.value()), percent(disk.value()),
        round(in.value()), round(out.value()), stale, sampledAt);
  }

  private record Figure(Double value, double sampledAt) {}

  private static Figure figure(Map<String, Double> parts, String name, double now, Duration staleAfter) {
    Double value = parts.get(name);
    Double at = parts.get(name + "_at");
    if (value == null || at == null || !Double.isFinite(value) || !Double.isFinite(at)) return new Figure(null, Double.NaN);
    if (now - at > staleAfter.toMillis() / 1000.0) return new Figure(null, Double.NaN);
    return new Figure(value, at);
  }

  private static String part(String name, String expr) {
    return "label_replace(" + expr + ", \"" + PART + "\", \"" + name + "\", \"\", \"\")";
  }

  /** Prometheus sends sample values as strings ("0.25", "NaN", "+Inf"). */
  private static Double parse(String text) {
    if (text == null) return null;
    try {
      return Double.parseDouble(text.replace("Inf", "Infinity"));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Double percent(Double v) {
    return v == null ? null : round(Math.max(0, Math.min(100, v)));
  }

  private static Double round(Double v) {
    return v == null ? null : Math.round(v * 100) / 100.0;
  }
}
