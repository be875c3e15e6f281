package com.zerolaghub.core.infra.velocity;

import io.vertx.core.Future;
import java.util.List;

/**
 * The platform's bridge plugin on the Velocity proxy. Registrations live in the proxy's memory
 * and vanish when it restarts; {@link #list()} shows what it knows now.
 */
public interface VelocityPort {

  /** {@code GET /servers}. */
  Future<List<VelocityServer>> list();

  /** {@code POST /servers}; idempotent: registering the same server twice leaves one entry. */
  Future<Void> register(String name, String address, int port);

  /** {@code DELETE /servers/{name}}: true when removed, false when the proxy did not know it (404). */
  Future<Boolean> deregister(String name);
}
