package com.zerolaghub.proxy;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code zlh_proxy_connections{kind}}: proxied HTTP exchanges in flight, WebSocket tunnels and
 * console bridges open now. No per-server labels (vmids would make the series unbounded).
 */
public final class ProxyMetrics {
  public static final String CONNECTIONS = "zlh_proxy_connections";

  /** The {@code kind} label. */
  public enum Kind {
    HTTP("http"),
    WEBSOCKET("websocket"),
    CONSOLE("console");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  // strong references: Micrometer gauges hold their state weakly
  private final Map<Kind, AtomicInteger> open = new EnumMap<>(Kind.class);

  public ProxyMetrics(MeterRegistry registry) {
    for (Kind kind : Kind.values()) {
      AtomicInteger count = new AtomicInteger();
      open.put(kind, count);
      Gauge.builder(CONNECTIONS, count, AtomicInteger::get)
          .tag("kind", kind.label())
          .description("Connections the proxy holds open now")
          .register(registry);
    }
  }

  /** Metrics nobody scrapes (tests, tools). */
  public static ProxyMetrics unregistered() {
    return new ProxyMetrics(new SimpleMeterRegistry());
  }

  public void opened(Kind kind) {
    open.get(kind).incrementAndGet();
  }

  public void closed(Kind kind) {
    open.get(kind).decrementAndGet();
  }

  public int open(Kind kind) {
    return open.get(kind).get();
  }
}
