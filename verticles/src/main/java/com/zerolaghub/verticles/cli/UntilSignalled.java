package com.zerolaghub.verticles.cli;

import java.util.concurrent.CountDownLatch;

/**
 * Keeps a command that serves something (embedded services, simulators) running until the
 * process is asked to exit (SIGTERM, SIGINT), then runs its stop action in a shutdown hook.
 */
final class UntilSignalled {
  private UntilSignalled() {}

  /** Blocks the calling thread for good; {@code stop} runs once, on the way out. */
  static void await(Runnable stop) throws InterruptedException {
    CountDownLatch never = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(stop, "zlh-stop"));
    never.await();
  }
}
