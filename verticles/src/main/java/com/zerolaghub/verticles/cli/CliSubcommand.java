package com.zerolaghub.verticles.cli;

/**
 * A {@code zlh} subcommand that lives in a module the CLI may not depend on (the benchmarks
 * depend on the application, so {@code zlh bench} cannot be named here). Such a module
 * registers its implementation in {@code META-INF/services/com.zerolaghub.verticles.cli.CliSubcommand};
 * {@link ZlhCommand} adds every one it finds on the class path (the one jar holds them all).
 */
public interface CliSubcommand {
  /** The word after {@code zlh}, e.g. {@code bench}. */
  String name();

  /** A fresh picocli command object (annotated with {@code @Command}) for one command line. */
  Object command();
}
