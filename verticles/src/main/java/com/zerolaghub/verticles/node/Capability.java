package com.zerolaghub.verticles.node;

import com.zerolaghub.verticles.http.ApiRoutes;
import com.zerolaghub.verticles.http.ReadinessCheck;
import io.vertx.core.Future;
import java.util.List;

/**
 * A plug-in of the node (accounts, projections runtime, provisioning, proxy, …). The platform
 * starts capabilities in registration order once the store, pool and Redis are up and before the
 * HTTP server accepts requests, and stops them in reverse order after HTTP has drained and
 * before the pool closes. Check {@code ctx.config().roles()} to decide what to run on this node.
 */
public interface Capability {
  /** Short name for logs ("accounts", "projections"). */
  String name();

  /**
   * Starts: register event types on {@code ctx.codec()}, bind contract operations on
   * {@code api}, deploy verticles. Registrations on {@code api} are only accepted here.
   * Called on an event loop: never block (use {@code ctx.vertx().executeBlocking}).
   */
  Future<Void> start(PlatformContext ctx, ApiRoutes api);

  /**
   * Stops: finish or abandon in-flight work and release what other nodes wait for (leases).
   * Bounded by the platform (a few seconds); the pool and Redis are still open.
   */
  default Future<Void> stop() {
    return Future.succeededFuture();
  }

  /**
   * The node begins to drain (SIGTERM, or an administrator): stop taking background work at the
   * next step boundary and release what other nodes wait for (leases, by compare-and-delete)
   * so another node takes over now rather than when the lease expires. HTTP still serves
   * (requests the front has already sent) until the grace ends; {@link #stop} follows later.
   */
  default Future<Void> drain() {
    return Future.succeededFuture();
  }

  /**
   * The drain's grace is over (the front no longer sends here): close this node's long-lived
   * client connections (WebSockets) with 1012 Service Restart, so clients reconnect through the
   * front to another node. Called on an event loop; must not block.
   */
  default void restartClients() {}

  /**
   * The API listens on {@code httpPort} (resolved when {@code http.port} is 0): told once, after
   * every capability started. For what must know the node's own address (the in-node Stripe
   * simulator's webhook endpoint).
   */
  default void serving(int httpPort) {}

  /** Conditions for {@code /health/ready}, asked after {@link #start} succeeded. */
  default List<ReadinessCheck> readinessChecks() {
    return List.of();
  }

  /**
   * What {@code /health/ready} should tell an operator although the node takes traffic (a
   * feature that refuses every request for lack of configuration), asked on each request.
   */
  default List<String> readinessWarnings() {
    return List.of();
  }
}
