package com.zerolaghub.verticles.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.events.EventStoreUnavailableException;
import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import io.vertx.redis.client.impl.types.ErrorType;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The failure kinds a restart of PostgreSQL or Redis produces (seen under load: closed pooled
 * connections, 57P03 while it starts, refused connects; Redis failing a closed connection's
 * commands) are outages, answered 503; a genuine error of the request or the code is not.
 */
@DisplayName("Failures meaning a backing service is out of reach are recognised along the cause chain")
class DependencyOutagesTest {

  @Test
  void postgresRestartFailuresAreOutages() {
    assertThat(DependencyOutages.unreachable(ClosedConnectionException.INSTANCE)).isEqualTo("the database");
    assertThat(DependencyOutages.unreachable(new PgException("the database system is starting up", "FATAL", "57P03", null)))
        .isEqualTo("the database");
    assertThat(DependencyOutages.unreachable(new PgException("terminating connection due to administrator command", "FATAL",
        "57P01", null))).isEqualTo("the database");
    assertThat(DependencyOutages.unreachable(new PgException("connection failure", "FATAL", "08006", null))).isEqualTo("the database");
    assertThat(DependencyOutages.unreachable(new CompletionException(new ConnectException("Connection refused"))))
        .isEqualTo("a service this request needs");
    assertThat(DependencyOutages.unreachable(new EventStoreUnavailableException("event store unavailable: x", null)))
        .isEqualTo("the event store");
  }

  @Test
  void redisConnectionClosedIsAnOutage() {
    assertThat(DependencyOutages.unreachable(ErrorType.create("CONNECTION_CLOSED"))).isEqualTo("the cache (Redis)");
    assertThat(DependencyOutages.unreachable(new VertxException("wrapped", ErrorType.create("CONNECTION_CLOSED"))))
        .isEqualTo("the cache (Redis)");
  }

  @Test
  void errorsOfTheRequestOrTheCodeAreNotOutages() {
    assertThat(DependencyOutages.unreachable(new PgException("invalid byte sequence for encoding \"UTF8\": 0x00", "ERROR", "22021",
        null))).isNull();
    assertThat(DependencyOutages.unreachable(ErrorType.create("WRONGTYPE Operation against a key holding the wrong kind of value")))
        .isNull();
    assertThat(DependencyOutages.unreachable(new IllegalStateException("boom"))).isNull();
  }
}
