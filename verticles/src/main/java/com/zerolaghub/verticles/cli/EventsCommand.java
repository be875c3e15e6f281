package com.zerolaghub.verticles.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "events", mixinStandardHelpOptions = true,
    description = "Inspect the event log (reads the database directly).",
    subcommands = {EventsTailCommand.class, EventsExportCommand.class})
final class EventsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a subcommand is required: tail or export");
  }
}
