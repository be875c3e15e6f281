package com.zerolaghub.core.servers.run;

import com.zerolaghub.core.infra.dns.SrvRecord;
import io.vertx.core.Future;
import java.util.List;

/**
 * Makes a game server reachable through the edge: its SRV record and its Velocity
 * registration. Provisioning and the controller's {@code edge_republish} repair both use it,
 * so a repair restores exactly what provisioning would have made. Both calls are safe to repeat.
 */
public final class EdgePublisher {
  private final RunnerPorts ports;
  private final RunnerSettings settings;

  public EdgePublisher(RunnerPorts ports, RunnerSettings settings) {
    this.ports = ports;
    this.settings = settings;
  }

  /** The id of an SRV record for {@code slug} pointing at the edge, creating one if none does. */
  public Future<String> publishSrv(String slug) {
    String name = settings.srvName(slug);
    return ports.dns().findSrv(name).compose(found -> {
      SrvRecord atEdge = atEdge(found);
      return atEdge != null ? Future.succeededFuture(atEdge.id())
          : ports.dns().createSrv(name, settings.edgeHost(), settings.edgePort(), 0, 5);
    });
  }

  /** Registers (or re-registers) the server with Velocity under {@code name}. */
  public Future<Void> register(String name, String address, int port) {
    return ports.velocity().register(name, address, port);
  }

  private SrvRecord atEdge(List<SrvRecord> found) {
    for (SrvRecord r : found) {
      if (r.target().equalsIgnoreCase(settings.edgeHost()) && r.port() == settings.edgePort()) return r;
    }
    return null;
  }
}
