package com.zerolaghub.verticles.cli;

import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * The controller as any API node sees it: {@code zlh controller status} prints the leader, the
 * last drift pass, the repair posture and the open findings and pending repairs. The operator
 * token comes from {@code ZLH_ADMIN_TOKEN} or {@code --token-file}, never from the command line.
 */
@Command(name = "controller", mixinStandardHelpOptions = true,
    description = "Inspect the controller/reconciler through a running node's admin API.",
    subcommands = {ControllerCommand.StatusCommand.class})
final class ControllerCommand implements Runnable {
  @Spec CommandSpec spec;

  @Mixin NodeAdminOptions node;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a subcommand is required: status");
  }

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "Prints the leader, last pass, posture and counts as one JSON line (--human: a few lines of text).")
  static final class StatusCommand implements Callable<Integer> {
    @ParentCommand ControllerCommand parent;
    @Spec CommandSpec spec;

    @Option(names = "--human", description = "Readable lines instead of JSON.")
    boolean human;

    @Override
    public Integer call() throws Exception {
      JsonObject status = parent.node.admin().get("/api/admin/controller");
      PrintWriter out = spec.commandLine().getOut();
      if (!human) {
        out.println(status.encode());
        return 0;
      }
      JsonObject last = status.getJsonObject("lastPass");
      JsonObject posture = status.getJsonObject("posture", new JsonObject());
      out.println("leader:          " + (status.getString("leader") == null ? "(none)" : status.getString("leader")));
      out.println("last pass:       " + (last == null ? "(none yet)" : last.getString("startedAt")
          + (last.containsKey("error") ? " failed: " + last.getString("error")
          : " in " + last.getLong("durationMs") + " ms over " + last.getInteger("servers") + " servers")));
      out.println("posture:         level 1 " + posture.getString("level1") + ", levels 2-3 " + posture.getString("level2"));
      out.println("open findings:   " + status.getInteger("openFindings"));
      out.println("pending repairs: " + status.getInteger("pendingRepairs"));
      return 0;
    }
  }
}
