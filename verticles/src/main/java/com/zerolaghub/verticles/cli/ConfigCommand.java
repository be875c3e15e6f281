package com.zerolaghub.verticles.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code zlh config …}: the configuration, without starting anything. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Configuration tools.",
    subcommands = {ConfigCheckCommand.class, ConfigKeysCommand.class, CommandLine.HelpCommand.class})
final class ConfigCommand {}
