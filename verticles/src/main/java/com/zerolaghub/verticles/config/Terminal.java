package com.zerolaghub.verticles.config;

/** Whether this process talks to a person at a terminal (not a service manager, a pipe or a file). */
public final class Terminal {
  private Terminal() {}

  /** True when the JVM has a console: its input and output are a terminal. */
  public static boolean attached() {
    return System.console() != null;
  }
}
