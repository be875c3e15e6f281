package com.zerolaghub.verticles.smoke;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The operators' integrated smoke test, run against any deployment over its public API only:
 * the game lifecycle, the dev lifecycle with the hosted IDE, and the security checks, as a
 * dedicated account. One line per step with its time; everything it created is deleted at the
 * end even after a failure (unless {@link SmokeOptions#keep()}); the first failure ends the run.
 */
public final class Smoke {
  private final SmokeOptions options;
  private final PrintWriter out;

  public Smoke(SmokeOptions options, PrintWriter out) {
    this.options = options;
    this.out = out;
  }

  /** Runs the whole test on the calling thread (never an event loop: it waits). */
  public SmokeResult run() {
    long start = System.nanoTime();
    Vertx vertx = Vertx.vertx();
    StepLog log = new StepLog(out);
    CreatedServers created = new CreatedServers();
    PublicApi api = new PublicApi(vertx, options.url());
    SmokeAccount owner = null;
    String runId = HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
    out.println("zlh smoke " + runId + " against " + options.url());
    try (ConsoleProbe console = new ConsoleProbe(vertx)) {
      owner = log.run(options.token().isPresent() ? "account: smoke account (--token-file)" : "account: register a smoke account",
          () -> options.token().map(t -> SmokeAccount.signedIn(api, t)).orElseGet(() -> SmokeAccount.register(api, "owner")));
      SmokeAccount stranger = log.run(options.otherToken().isPresent() ? "account: second account (--other-token-file)"
          : "account: register a second account",
          () -> options.otherToken().map(t -> SmokeAccount.signedIn(api, t)).orElseGet(() -> SmokeAccount.register(api, "other")));
      SmokeRun run = new SmokeRun(vertx, api, log, options, owner, stranger, created, runId, Instant.now());
      SmokeAccount me = owner;
      JsonObject catalog = log.run("catalog", () -> api.get(me.token(), "/api/catalog").expect(200).json());
      GameLifecycle.run(run, catalog, console);
      DevLifecycle.run(run, catalog, console);
      log.run("security: no internal token in any answer read", () -> new StepLog.Note(LeakScan.check(api.seen())));
    } catch (RuntimeException e) {
      // printed by the step that failed; a failure outside any step is named here
      if (log.failed() == null) log.run("smoke", () -> { throw e; });
    } finally {
      if (owner != null && !created.live().isEmpty()) {
        if (options.keep()) {
          log.skip("cleanup", "--keep: left " + created.live());
        } else {
          created.removeAll(log, api, owner.token(), options.stepTimeout());
        }
      }
      vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).exceptionally(x -> null).join();
    }
    Duration total = Duration.ofNanos(System.nanoTime() - start);
    SmokeResult result = new SmokeResult(log.steps(), Optional.ofNullable(log.failed()), Optional.ofNullable(log.reason()), total);
    out.println(result.passed()
        ? String.format(Locale.ROOT, "PASS %7.2fs  zlh smoke", total.toNanos() / 1e9)
        : String.format(Locale.ROOT, "FAIL %7.2fs  zlh smoke: step \"%s\" failed: %s", total.toNanos() / 1e9,
            log.failed(), log.reason()));
    out.flush();
    return result;
  }
}
