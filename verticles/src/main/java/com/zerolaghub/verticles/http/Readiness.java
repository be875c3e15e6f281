package com.zerolaghub.verticles.http;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/** Runs every readiness check in parallel, each bounded by a timeout, and reports them by name. */
public final class Readiness {
  public static final long CHECK_TIMEOUT_MS = 2_000;

  private final Vertx vertx;
  private final List<ReadinessCheck> checks = new CopyOnWriteArrayList<>();
  private final List<Supplier<List<String>>> warnings = new CopyOnWriteArrayList<>();

  public Readiness(Vertx vertx) {
    this.vertx = vertx;
  }

  public Readiness add(ReadinessCheck check) {
    checks.add(check);
    return this;
  }

  /** A source of warnings shown with the readiness answer; they never make the node unready. */
  public Readiness warnings(Supplier<List<String>> source) {
    warnings.add(source);
    return this;
  }

  /** Check name → "up", "down" or "timeout", in registration order. */
  public Future<Report> evaluate() {
    List<Future<String>> results = new ArrayList<>();
    for (ReadinessCheck check : checks) results.add(run(check));
    return Future.join(results).transform(ignored -> {
      JsonObject states = new JsonObject();
      List<String> notReady = new ArrayList<>();
      for (int i = 0; i < checks.size(); i++) {
        String state = results.get(i).result();
        states.put(checks.get(i).name(), state);
        if (!"up".equals(state)) notReady.add(checks.get(i).name());
      }
      List<String> warned = new ArrayList<>();
      for (Supplier<List<String>> source : warnings) warned.addAll(source.get());
      return Future.succeededFuture(new Report(states, notReady, warned));
    });
  }

  private Future<String> run(ReadinessCheck check) {
    Promise<String> outcome = Promise.promise();
    long timer = vertx.setTimer(CHECK_TIMEOUT_MS, t -> outcome.tryComplete("timeout"));
    Future<Boolean> answer;
    try {
      answer = check.ready();
    } catch (RuntimeException e) {
      answer = Future.failedFuture(e);
    }
    answer.onComplete(ar -> {
      vertx.cancelTimer(timer);
      outcome.tryComplete(ar.succeeded() && Boolean.TRUE.equals(ar.result()) ? "up" : "down");
    });
    return outcome.future();
  }

  public record Report(JsonObject checks, List<String> notReady, List<String> warnings) {
    public boolean ready() {
      return notReady.isEmpty();
    }
  }
}
