package com.zerolaghub.verticles.http;

import com.zerolaghub.events.EventStoreUnavailableException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.Set;

/**
 * Recognises failures that mean a backing service (PostgreSQL, Redis, the event store) is
 * briefly out of reach rather than that the request or the code is wrong: they answer 503
 * with Retry-After, not 500. Looked for along the cause chain.
 */
final class DependencyOutages {
  /** SQLSTATEs of a server shutting down, starting up or out of connection slots. */
  private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");
  /** How vertx-redis-client fails the commands of a connection that closed (its ErrorType, in an impl package). */
  private static final String REDIS_ERROR_TYPE = "io.vertx.redis.client.impl.types.ErrorType";

  private DependencyOutages() {}

  /** What cannot be reached, as the subject of the problem's detail, or null when {@code failure} is not an outage. */
  static String unreachable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof EventStoreUnavailableException) return "the event store";
      if (t instanceof ClosedConnectionException) return "the database";
      if (t instanceof PgException pg && pg.getSqlState() != null
          && (pg.getSqlState().startsWith("08") || UNAVAILABLE_STATES.contains(pg.getSqlState()))) {
        return "the database";
      }
      if (t.getClass().getName().equals(REDIS_ERROR_TYPE) && String.valueOf(t.getMessage()).startsWith("CONNECTION_CLOSED")) {
        return "the cache (Redis)";
      }
      if (t.getClass().getName().startsWith("io.vertx.redis.") && t.getCause() instanceof ConnectException) return "the cache (Redis)";
      if (t instanceof ConnectException || t instanceof ClosedChannelException) return "a service this request needs";
      if (t.getCause() == t) break;
    }
    return null;
  }
}
