package com.zerolaghub.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class ProxyMetricsTest {

  @Test
  void oneGaugePerKindWithNoOtherLabel() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ProxyMetrics metrics = new ProxyMetrics(registry);

    metrics.opened(ProxyMetrics.Kind.WEBSOCKET);
    metrics.opened(ProxyMetrics.Kind.WEBSOCKET);
    metrics.closed(ProxyMetrics.Kind.WEBSOCKET);
    metrics.opened(ProxyMetrics.Kind.CONSOLE);

    assertThat(registry.find("zlh_proxy_connections").gauges()).hasSize(3)
        .allSatisfy(g -> assertThat(g.getId().getTags()).hasSize(1));
    Gauge websocket = registry.get("zlh_proxy_connections").tag("kind", "websocket").gauge();
    assertThat(websocket.value()).isEqualTo(1.0);
    assertThat(registry.get("zlh_proxy_connections").tag("kind", "console").gauge().value()).isEqualTo(1.0);
    assertThat(registry.get("zlh_proxy_connections").tag("kind", "http").gauge().value()).isZero();
  }
}
