package com.zerolaghub.simulators;

import com.zerolaghub.core.infra.agent.CrashClassification;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * The game process of a simulated agent: stopped → starting → running → stopping, crashes with
 * restart back-off (30 → 60 → 120 units, reset after 30 units up). Each transition bumps a
 * generation so timers of superseded transitions do nothing.
 */
final class SimulatedGame {
  enum Outcome { ACCEPTED, BUSY }

  private final Vertx vertx;
  private final AgentDisk disk;
  private final Duration transition;
  private final Duration backoffUnit;
  private final Consumer<String> console;
  private String state = "stopped";
  private String operation;
  private long generation;
  private long runningSince;
  private int restartBackoffSeconds;

  SimulatedGame(Vertx vertx, AgentDisk disk, Duration transition, Duration backoffUnit, Consumer<String> console) {
    this.vertx = vertx;
    this.disk = disk;
    this.transition = transition;
    this.backoffUnit = backoffUnit;
    this.console = console;
  }

  synchronized String state() {
    return state;
  }

  /** A start, stop or restart is under way. */
  synchronized boolean busy() {
    return state.equals("starting") || state.equals("stopping");
  }

  /** {@code start}, {@code stop}, {@code restart} while busy, else null. */
  synchronized String operation() {
    return busy() ? operation : null;
  }

  synchronized Outcome start() {
    if (busy()) {
      return Outcome.BUSY;
    }
    if (!state.equals("running")) {
      beginStart("start");
    }
    return Outcome.ACCEPTED;
  }

  synchronized Outcome stop() {
    if (busy()) {
      return Outcome.BUSY;
    }
    if (state.equals("running")) {
      long gen = ++generation;
      state = "stopping";
      operation = "stop";
      console.accept("[zlh-agent] stopping server\r\n");
      after(transition, gen, () -> {
        state = "stopped";
        console.accept("[zlh-agent] server stopped\r\n");
      });
    } else {
      generation++; // cancels a pending crash restart
      state = "stopped";
    }
    return Outcome.ACCEPTED;
  }

  synchronized Outcome restart() {
    if (busy()) {
      return Outcome.BUSY;
    }
    long gen = ++generation;
    state = "stopping";
    operation = "restart";
    console.accept("[zlh-agent] restarting server\r\n");
    after(transition, gen, () -> beginStart("restart"));
    return Outcome.ACCEPTED;
  }

  /** The process dies now (test hook). Schedules the automatic restart after the back-off. */
  synchronized void crash(CrashClassification classification, Integer exitCode, String signal, List<String> logTail) {
    long gen = ++generation;
    long uptime = state.equals("running") ? (System.currentTimeMillis() - runningSince) / 1000 : 0;
    state = "crashed";
    operation = null;
    restartBackoffSeconds = restartBackoffSeconds == 0 ? 30 : Math.min(120, restartBackoffSeconds * 2);
    JsonObject crash = new JsonObject()
        .put("at", Instant.now().toString())
        .put("exitCode", exitCode)
        .put("signal", signal)
        .put("uptimeSeconds", uptime)
        .put("classification", classification.wire())
        .put("logTail", new JsonArray(List.copyOf(logTail)));
    disk.lastCrash(crash);
    for (String line : logTail) {
      console.accept(line + "\r\n");
    }
    console.accept("[zlh-agent] server crashed (" + classification.wire() + "), restart in "
        + restartBackoffSeconds + " s\r\n");
    after(backoffUnit.multipliedBy(restartBackoffSeconds), gen, () -> beginStart("start"));
  }

  /** The container stops: the process goes with it, pending transitions are dropped. */
  synchronized void halt() {
    generation++;
    state = "stopped";
    operation = null;
  }

  synchronized JsonObject toJson() {
    long uptime = state.equals("running") ? (System.currentTimeMillis() - runningSince) / 1000 : 0;
    return new JsonObject()
        .put("state", state)
        .put("uptimeSeconds", uptime)
        .put("restartBackoffSeconds", restartBackoffSeconds)
        .put("lastCrash", disk.lastCrash());
  }

  private void beginStart(String op) {
    long gen = ++generation;
    state = "starting";
    operation = op;
    console.accept("[zlh-agent] starting server\r\n");
    after(transition, gen, () -> {
      state = "running";
      runningSince = System.currentTimeMillis();
      console.accept("Done! For help, type \"help\"\r\n");
      long upGen = generation;
      after(backoffUnit.multipliedBy(30), upGen, () -> restartBackoffSeconds = 0);
    });
  }

  private void after(Duration delay, long gen, Runnable change) {
    vertx.setTimer(Math.max(1, delay.toMillis()), id -> {
      synchronized (this) {
        if (generation == gen) {
          change.run();
        }
      }
    });
  }
}
