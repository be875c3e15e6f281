package com.zerolaghub.verticles.testing;

import com.zerolaghub.verticles.http.ApiRoutes;
import com.zerolaghub.verticles.http.ProblemException;
import com.zerolaghub.verticles.http.ProblemType;
import com.zerolaghub.verticles.http.ReadinessCheck;
import com.zerolaghub.verticles.http.ValidatedRequests;
import com.zerolaghub.verticles.node.Capability;
import com.zerolaghub.verticles.node.PlatformContext;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** Binds the example operations of test-api.yaml the way a real capability binds its own. */
public final class TestOperations implements Capability {
  public static final String CONTRACT = "test-api.yaml";

  /** What a readiness check of this capability answers. */
  public final AtomicBoolean ready = new AtomicBoolean(true);
  /** Requests of testSlow that reached their handler. */
  public final AtomicInteger slowStarted = new AtomicInteger();
  /** Names of lifecycle calls, in order, shared between instances to see stop order. */
  public final List<String> lifecycle;
  private final String name;

  public TestOperations() {
    this("test", new CopyOnWriteArrayList<>());
  }

  public TestOperations(String name, List<String> lifecycle) {
    this.name = name;
    this.lifecycle = lifecycle;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Future<Void> start(PlatformContext ctx, ApiRoutes api) {
    lifecycle.add("start " + name);
    ctx.codec().register(Pinged.class);
    if (!"test".equals(name)) return Future.succeededFuture();
    api.operation("testEcho", rc -> rc.json(ValidatedRequests.body(rc)));
    api.operation("testSlow", rc -> {
      long ms = ValidatedRequests.query(rc, "ms").getLong();
      slowStarted.incrementAndGet();
      ctx.vertx().setTimer(Math.max(1, ms), t -> rc.json(new JsonObject().put("sleptMs", ms)));
    });
    api.operation("testFail", rc -> {
      throw new IllegalStateException("boom");
    });
    api.operation("testConflict", rc -> rc.fail(new ProblemException(ProblemType.CONFLICT, "already exists")));
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> stop() {
    lifecycle.add("stop " + name);
    return Future.succeededFuture();
  }

  @Override
  public List<ReadinessCheck> readinessChecks() {
    return List.of(ReadinessCheck.of(name + "-check", () -> Future.succeededFuture(ready.get())));
  }
}
