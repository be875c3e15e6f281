package com.zerolaghub.verticles.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "audit", mixinStandardHelpOptions = true,
    description = "Tamper-evident audit exports of an account's events, and their verification.",
    subcommands = {AuditExportCommand.class, AuditVerifyCommand.class})
final class AuditCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a subcommand is required: export or verify");
  }
}
