package com.zerolaghub.projections;

import static com.zerolaghub.projections.TestBed.await;
import static com.zerolaghub.projections.TestBed.eventually;
import static com.zerolaghub.projections.TestBed.statusOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.events.EventCodec;
import com.zerolaghub.projections.ProjectionStatus.State;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two nodes share one table projection through a Redis lease; Redis forgets everything meanwhile. */
@ExtendWith(VertxExtension.class)
class LeaseFailoverTest {
  private final EventCodec codec = new EventCodec().register(TestEvents.Counted.class);

  @Test
  void flushAllWhileTwoNodesRunLosesNothingAndAppliesEveryEventExactlyOnce(Vertx vertx) {
    TestBed bed = new TestBed(vertx);
    ProjectionRuntime nodeA = node(bed, vertx, "node-a");
    ProjectionRuntime nodeB = node(bed, vertx, "node-b");
    await(nodeA.start());
    await(nodeB.start());
    await(nodeA.caughtUp());
    await(nodeB.caughtUp());
    Redis redis = bed.redis();

    int flushes = 0;
    for (int round = 0; round < 30; round++) {
      bed.appendCounted("s" + (round % 4), 20);
      if (round % 10 == 5) {
        await(redis.send(Request.cmd(Command.FLUSHALL)));
        flushes++;
        eventually(Duration.ofSeconds(5), "a node takes the lease again", () -> leaseExists(redis));
      }
    }
    assertThat(flushes).isEqualTo(3);

    eventually(Duration.ofSeconds(15), "all 600 events applied",
        () -> bed.queryLong("SELECT count(*) FROM public.flip_applied") == 600);
    assertThat(bed.queryLong("SELECT max(applies) FROM public.flip_applied")).isEqualTo(1);
    assertThat(bed.queryLong("SELECT sum(n) FROM public.flip_counted")).isEqualTo(600);
    eventually(Duration.ofSeconds(5), "one node leads, the other stands by", () -> {
      List<State> states = List.of(statusOf(nodeA, "flip").state(), statusOf(nodeB, "flip").state());
      return states.contains(State.RUNNING) && states.contains(State.STANDBY);
    });
    assertThat(await(redis.send(Request.cmd(Command.GET).arg("failover:flip:fence"))).toLong())
        .as("fencing counter restarted by the last flush").isEqualTo(1);

    await(nodeA.stop());
    await(nodeB.stop());
  }

  @Test
  void twoNodesApplyingOneGenerationAtOnceNeverApplyABatchTwice(Vertx vertx) {
    // As in the moment after a flush, before the old holder notices: separate lease keys make both lead.
    TestBed bed = new TestBed(vertx);
    ProjectionRuntime nodeA = bed.runtime(TestBed.fastOptions("split-a:").batchSize(7), codec, new SimpleMeterRegistry());
    ProjectionRuntime nodeB = bed.runtime(TestBed.fastOptions("split-b:").batchSize(7), codec, new SimpleMeterRegistry());
    nodeA.register(new CountingProjection(vertx, "flip"));
    nodeB.register(new CountingProjection(vertx, "flip"));
    await(nodeA.start());
    await(nodeA.caughtUp());
    await(nodeB.start());
    await(nodeB.caughtUp());

    for (int round = 0; round < 30; round++) bed.appendCounted("s" + (round % 4), 20);

    eventually(Duration.ofSeconds(15), "all 600 events applied",
        () -> bed.queryLong("SELECT count(*) FROM public.flip_applied") == 600);
    assertThat(bed.queryLong("SELECT max(applies) FROM public.flip_applied")).isEqualTo(1);
    assertThat(bed.queryLong("SELECT sum(n) FROM public.flip_counted")).isEqualTo(600);
    assertThat(statusOf(nodeA, "flip").state()).isEqualTo(State.RUNNING);
    assertThat(statusOf(nodeB, "flip").state()).isEqualTo(State.RUNNING);
    await(nodeA.stop());
    await(nodeB.stop());
  }

  private static boolean leaseExists(Redis redis) {
    return await(redis.send(Request.cmd(Command.EXISTS).arg("failover:flip"))).toInteger() == 1;
  }

  private ProjectionRuntime node(TestBed bed, Vertx vertx, String nodeId) {
    ProjectionRuntime runtime = bed.runtime(TestBed.fastOptions("failover:").nodeId(nodeId), codec, new SimpleMeterRegistry());
    runtime.register(new CountingProjection(vertx, "flip"));
    return runtime;
  }
}
