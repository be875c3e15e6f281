package com.zerolaghub.verticles.monitoring;

import com.zerolaghub.events.servers.ContainerKind;
import com.zerolaghub.projections.MemoryView;
import com.zerolaghub.projections.monitoring.Lifecycle;
import com.zerolaghub.projections.monitoring.MonitoredServers;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code zlh_servers{state,type}}: servers per lifecycle state and container type, from the
 * monitored-servers view (deleted servers are not counted). Every combination is registered, so
 * a state with no server reads 0 rather than vanishing.
 */
final class ServerGauges {
  static final String NAME = "zlh_servers";

  private ServerGauges() {}

  static void register(MeterRegistry registry, MemoryView<MonitoredServers> servers) {
    for (Lifecycle state : Lifecycle.values()) {
      if (state == Lifecycle.DELETED) continue;
      for (ContainerKind kind : ContainerKind.values()) {
        Gauge.builder(NAME, servers, v -> v.current().count(state, kind))
            .description("Servers by lifecycle state and container type")
            .tag("state", state.wireName())
            .tag("type", kind.wireName())
            .strongReference(true)
            .register(registry);
      }
    }
  }
}
