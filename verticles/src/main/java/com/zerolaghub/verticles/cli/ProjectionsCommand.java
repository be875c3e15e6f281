package com.zerolaghub.verticles.cli;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Talks to a running node's admin API rather than the database: a rebuild is a live operation
 * of the node that serves the projection. The operator token comes from {@code ZLH_ADMIN_TOKEN}
 * or {@code --token-file}, never from the command line (where {@code ps} would show it).
 */
@Command(name = "projections", mixinStandardHelpOptions = true,
    description = "List or rebuild projections through a running node's admin API.",
    subcommands = {ProjectionsCommand.ListCommand.class, ProjectionsCommand.RebuildCommand.class})
final class ProjectionsCommand implements Runnable {
  static final String TOKEN_ENV = NodeAdminOptions.TOKEN_ENV;

  @Spec CommandSpec spec;

  @Mixin NodeAdminOptions node;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a subcommand is required: list or rebuild");
  }

  ProjectionAdmin admin() throws IOException {
    return node.admin();
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Prints one JSON line per projection.")
  static final class ListCommand implements Callable<Integer> {
    @ParentCommand ProjectionsCommand parent;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      for (JsonObject p : parent.admin().list()) spec.commandLine().getOut().println(p.encode());
      return 0;
    }
  }

  @Command(name = "rebuild", mixinStandardHelpOptions = true,
      description = "Rebuilds a projection from the log beside the serving one; prints its status.")
  static final class RebuildCommand implements Callable<Integer> {
    @ParentCommand ProjectionsCommand parent;
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "Projection name (see `zlh projections list`).")
    String name;

    @Override
    public Integer call() throws Exception {
      spec.commandLine().getOut().println(parent.admin().rebuild(name).encode());
      return 0;
    }
  }
}
