package com.zerolaghub.verticles.servers;

import static com.zerolaghub.verticles.servers.ServersNode.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.core.servers.run.RunnerHooks;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A script creating many servers of one account at once: each create decides on the account's slots. */
@DisplayName("concurrent creates of one account")
class ConcurrentCreatesOfOneAccountTest {
  private static final int LIMIT = 40;
  private static ServersNode node;

  @BeforeAll
  static void start() throws Exception {
    node = ServersNode.start(RunnerHooks.NONE, c -> c.with(b -> b.servers(s -> s.starterServerLimit(LIMIT).proServerLimit(LIMIT))));
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  @Test
  void racingCreatesAreAllDecidedAndTheLimitHoldsExactly() throws Exception {
    String user = ServersNode.newUser();
    int racers = 60;
    ExecutorService pool = Executors.newFixedThreadPool(racers);
    List<HttpResponse<String>> answers = new ArrayList<>();
    try {
      List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
      for (int i = 0; i < racers; i++) {
        String name = "racer-" + i;
        calls.add(() -> node.send(user, "POST", "/api/instances", ServersNode.dev(name, false), "Idempotency-Key", name));
      }
      for (Future<HttpResponse<String>> f : pool.invokeAll(calls)) answers.add(f.get());
    } finally {
      pool.shutdownNow();
    }

    long accepted = answers.stream().filter(r -> r.statusCode() == 202).count();
    List<String> refusals = answers.stream().filter(r -> r.statusCode() != 202)
        .map(r -> r.statusCode() + " " + json(r).getString("type")).toList();
    assertThat(accepted).isEqualTo(LIMIT);
    assertThat(refusals).hasSize(racers - LIMIT)
        .allSatisfy(r -> assertThat(r).as("only the limit refuses, no conflict leaks out").endsWith("/server-quota-exceeded"));
  }
}
