package com.zerolaghub.verticles.node;

import com.zerolaghub.events.EventCodec;
import com.zerolaghub.events.EventStore;
import com.zerolaghub.events.Fences;
import com.zerolaghub.events.impl.PgFences;
import com.zerolaghub.proxy.SessionSockets;
import com.zerolaghub.verticles.config.PlatformConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.sqlclient.Pool;

/**
 * What a running node shares with its capabilities. All members are thread-safe and owned by
 * the platform: capabilities use them and never close them.
 *
 * @param vertx         the node's Vert.x (deploy verticles, timers, executeBlocking)
 * @param config        the configuration, with embedded servers' addresses filled in
 * @param store         the event log
 * @param codec         event JSON codec; register your event records on it in {@code start}
 * @param pool          PostgreSQL pool (for read models; writes go through {@code store})
 * @param redis         Redis client (leases, queues, counters: only what may be lost)
 * @param meterRegistry metrics registry scraped at {@code /metrics}
 * @param sessionSockets this node's long-lived connections (consoles, live events) by platform
 *                      session, ended when their session ends
 * @param drain         whether this node drains (readiness 503, no new background work), and
 *                      how to ask it to
 */
public record PlatformContext(
    Vertx vertx,
    PlatformConfig config,
    EventStore store,
    EventCodec codec,
    Pool pool,
    Redis redis,
    PrometheusMeterRegistry meterRegistry,
    SessionSockets sessionSockets,
    NodeDrain drain) {

  /** The log's fencing tokens, for singletons that stamp their appends (see {@link Fences}). */
  public Fences fences() {
    return new PgFences(pool);
  }
}
