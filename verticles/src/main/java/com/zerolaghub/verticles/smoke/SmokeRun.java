package com.zerolaghub.verticles.smoke;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;

/** What every part of one smoke run shares: the API, the log of steps, the accounts, what it created. */
record SmokeRun(Vertx vertx, PublicApi api, StepLog log, SmokeOptions options, SmokeAccount owner, SmokeAccount stranger,
    CreatedServers created, String runId, Instant startedAt) {
  Duration timeout() {
    return options.stepTimeout();
  }
}
