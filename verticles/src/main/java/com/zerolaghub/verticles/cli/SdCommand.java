package com.zerolaghub.verticles.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "sd", mixinStandardHelpOptions = true,
    description = "Prometheus service discovery tools.",
    subcommands = {SdSyncCommand.class})
final class SdCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a subcommand is required: sync");
  }
}
