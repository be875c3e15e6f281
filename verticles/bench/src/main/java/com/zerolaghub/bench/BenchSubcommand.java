package com.zerolaghub.bench;

import com.zerolaghub.verticles.cli.CliSubcommand;

/**
 * {@code zlh bench}, found by the CLI through {@link java.util.ServiceLoader}
 * (META-INF/services): the CLI cannot name this module, which depends on it.
 */
public final class BenchSubcommand implements CliSubcommand {
  @Override
  public String name() {
    return BenchCommand.NAME;
  }

  @Override
  public Object command() {
    return new BenchCommand();
  }
}
