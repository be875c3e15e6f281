package com.zerolaghub.verticles.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.events.EventStore;
import com.zerolaghub.events.EventStoreUnavailableException;
import com.zerolaghub.events.ExpectedVersion;
import com.zerolaghub.events.NewEvent;
import com.zerolaghub.events.StreamId;
import com.zerolaghub.events.testing.TestPostgres;
import com.zerolaghub.verticles.testing.Pinged;
import com.zerolaghub.verticles.testing.TcpForwarder;
import com.zerolaghub.verticles.testing.TestNode;
import com.zerolaghub.verticles.testing.TestOperations;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("A PostgreSQL outage under load fails appends clearly and heals without a restart")
class PostgresOutageTest {

  @Test
  void appendsFailAsUnavailableWhileCutAndSucceedAgainOnceRestored(Vertx vertx) throws Exception {
    TestPostgres.Database db = TestPostgres.freshDatabase();
    TcpForwarder link = new TcpForwarder(vertx, "localhost", db.port());
    await(link.start().toCompletionStage().toCompletableFuture());
    try (TestNode node = TestNode.start(db, link.port(), new TestOperations())) {
      AppendLoop load = new AppendLoop(node.platform.context().vertx(), node.platform.context().store());
      load.run();
      try {
        waitUntil("appends succeed before the outage", () -> load.successes.get() >= 20);

        await(link.cut().toCompletionStage().toCompletableFuture());
        int failuresBefore = load.failures.get();
        waitUntil("appends fail during the outage", () -> load.failures.get() > failuresBefore + 3);
        assertThat(load.lastFailure.get())
            .isInstanceOf(EventStoreUnavailableException.class)
            .hasMessageStartingWith("event store unavailable");
        HttpResponse<String> ready = node.get("/health/ready");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(new JsonObject(ready.body()).getJsonObject("checks").getString("postgres")).isEqualTo("down");
        assertThat(new JsonObject(ready.body()).getString("detail")).isEqualTo("not ready: postgres");
        assertThat(node.get("/health/live").statusCode()).isEqualTo(200);

        await(link.restore().toCompletionStage().toCompletableFuture());
        int successesBefore = load.successes.get();
        waitUntil("appends succeed again after the outage", () -> load.successes.get() > successesBefore + 20);
        waitUntil("ready again", () -> statusOf(node, "/health/ready") == 200);
      } finally {
        load.running.set(false);
      }
    }
  }

  /** Appends one event after another, forever, counting outcomes; a failure waits 20 ms before the next try. */
  private static final class AppendLoop {
    final AtomicBoolean running = new AtomicBoolean(true);
    final AtomicInteger successes = new AtomicInteger();
    final AtomicInteger failures = new AtomicInteger();
    final AtomicReference<Throwable> lastFailure = new AtomicReference<>();
    private final Vertx vertx;
    private final EventStore store;

    AppendLoop(Vertx vertx, EventStore store) {
      this.vertx = vertx;
      this.store = store;
    }

    void run() {
      vertx.runOnContext(v -> next());
    }

    private void next() {
      if (!running.get()) return;
      store.append(StreamId.of("test", "outage"), ExpectedVersion.ANY,
              List.of(NewEvent.of(new Pinged(successes.get()), EventMetadata.system("test"))))
          .onSuccess(r -> {
            successes.incrementAndGet();
            next();
          })
          .onFailure(err -> {
            lastFailure.set(err);
            failures.incrementAndGet();
            vertx.setTimer(20, t -> next());
          });
    }
  }

  private static int statusOf(TestNode node, String path) {
    try {
      return node.get(path).statusCode();
    } catch (Exception e) {
      return -1;
    }
  }

  private static void waitUntil(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting until " + what);
      Thread.sleep(20);
    }
  }

  private static <T> T await(CompletableFuture<T> f) throws Exception {
    return f.get(10, TimeUnit.SECONDS);
  }
}
