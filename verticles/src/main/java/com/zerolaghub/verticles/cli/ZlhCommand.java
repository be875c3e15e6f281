package com.zerolaghub.verticles.cli;

import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code zlh}: the platform's one executable. Exit codes: 0 done, 1 failed, 2 wrong arguments
 * (one explanatory line on stderr). Command output goes to stdout, logs to stderr.
 */
@Command(
    name = "zlh",
    mixinStandardHelpOptions = true,
    version = "zlh 0.1.0",
    description = "ZeroLagHub control plane.",
    subcommands = {
        RunCommand.class, MigrateCommand.class, ProjectionsCommand.class, EventsCommand.class, AuditCommand.class,
        AdminCommand.class, SdCommand.class, ControllerCommand.class, ServicesCommand.class,
        SimulatorsCommand.class, DoctorCommand.class, ConfigCommand.class, SmokeCommand.class})
public final class ZlhCommand implements Callable<Integer> {
  public static final int EXIT_FAILED = 1;
  public static final int EXIT_USAGE = 2;

  @Spec CommandSpec spec;

  public static void main(String[] args) {
    int code = execute(System.out, System.err, args);
    // A running node exits through its shutdown hook; everything else ends here.
    System.exit(code);
  }

  /** Runs one command line with the given streams (tests pass their own). */
  public static int execute(OutputStream out, OutputStream err, String... args) {
    return commandLine(out, err).execute(args);
  }

  static CommandLine commandLine(OutputStream out, OutputStream err) {
    CommandLine cl = new CommandLine(new ZlhCommand());
    // `zlh bench` and any other subcommand of a module that depends on this one; help stays last
    for (CliSubcommand sub : ServiceLoader.load(CliSubcommand.class, ZlhCommand.class.getClassLoader())) {
      cl.addSubcommand(sub.name(), sub.command());
    }
    cl.addSubcommand(new CommandLine.HelpCommand());
    cl.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
    cl.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
    cl.setParameterExceptionHandler((ex, args) -> {
      CommandLine failed = ex.getCommandLine();
      failed.getErr().println("zlh: " + oneLine(ex.getMessage()) + " (see '" + failed.getCommandSpec().qualifiedName()
          + " --help')");
      return EXIT_USAGE;
    });
    cl.setExecutionExceptionHandler((ex, failed, parsed) -> {
      failed.getErr().println("zlh: " + oneLine(messageOf(ex)));
      return EXIT_FAILED;
    });
    return cl;
  }

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "a command is required: run, migrate, config, projections, events, audit, bench, "
        + "admin, sd, controller, services, simulators, doctor or smoke");
  }

  static String messageOf(Throwable e) {
    Throwable t = e;
    while ((t instanceof ExecutionException || t instanceof CompletionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() != null ? t.getMessage() : t.toString();
  }

  static String oneLine(String message) {
    return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
