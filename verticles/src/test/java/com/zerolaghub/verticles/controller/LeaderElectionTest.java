package com.zerolaghub.verticles.controller;

import com.zerolaghub.verticles.runtime.ServerPortsFor;
import static com.zerolaghub.verticles.servers.ServersNode.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.core.servers.run.RunnerHooks;
import com.zerolaghub.events.testing.TestPostgres;
import com.zerolaghub.verticles.config.PlatformConfig;
import com.zerolaghub.verticles.projections.ProjectionsCapability;
import com.zerolaghub.verticles.runtime.Platform;
import com.zerolaghub.verticles.servers.HeaderAuthentication;
import com.zerolaghub.verticles.servers.ServersCapability;
import com.zerolaghub.verticles.testing.TestNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two controller candidates sharing PostgreSQL and Redis: one leads; when it goes, the other takes over. */
class LeaderElectionTest {
  final List<Platform> platforms = new ArrayList<>();
  final List<ControllerCapability> controllers = new ArrayList<>();

  @AfterEach
  void stopAll() throws Exception {
    for (Platform p : platforms) {
      try {
        p.stop().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
      } catch (Exception e) {
        // already stopped by the test
      }
    }
  }

  private Platform start(TestPostgres.Database db) throws Exception {
    PlatformConfig config = TestNode.config(db, db.port()).with(c -> c
        .infra(i -> i.simTaskDurationMs(3))
        .controller(k -> k.leaseTtlMs(600).passIntervalMs(100).stuckOperationMs(60_000)));
    HeaderAuthentication auth = new HeaderAuthentication();
    ProjectionsCapability projections = new ProjectionsCapability(auth);
    ServersCapability servers = new ServersCapability(auth, projections, RunnerHooks.NONE);
    ControllerCapability controller = new ControllerCapability(auth, projections, ServerPortsFor.controller(servers.serverPorts()), owner -> false, Clock.systemUTC());
    Platform p = Platform.builder(config).capabilities(List.of(projections.setup(), servers, controller, projections.launch()))
        .start().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    platforms.add(p);
    controllers.add(controller);
    return p;
  }

  private long leaders() {
    return controllers.stream().filter(ControllerCapability::leader).count();
  }

  @Test
  void exactlyOneCandidateLeadsAndAnotherTakesOverWhenItStops() throws Exception {
    TestPostgres.Database db = TestPostgres.freshDatabase();
    start(db);
    start(db);
    eventually("one leader", 10, () -> assertThat(leaders()).isEqualTo(1));
    Thread.sleep(1_000); // several renewals: still exactly one
    assertThat(leaders()).isEqualTo(1);

    int first = controllers.get(0).leader() ? 0 : 1;
    platforms.get(first).stop().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    ControllerCapability other = controllers.get(1 - first);
    eventually("the other leads", 5, () -> assertThat(other.leader()).isTrue());
  }
}
