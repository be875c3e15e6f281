package com.zerolaghub.verticles.cli;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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

  @Option(names = "--url", paramLabel = "URL", scope = picocli.CommandLine.ScopeType.INHERIT,
      defaultValue = "${env:ZLH_ADMIN_URL:-http://127.0.0.1:8080}",
      description = "Base URL of a node (default: $ZLH_ADMIN_URL, else ${DEFAULT-VALUE}).")
  URI url;

  @Option(names = "--token-file", paramLabel = "FILE", scope = picocli.CommandLine.ScopeType.INHERIT,
      description = "File holding the operator token (default: $" + ProjectionsCommand.TOKEN_ENV + ").")
  Path tokenFile;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a subcommand is required: status");
  }

  HttpNodeAdmin admin() throws java.io.IOException {
    String token = tokenFile != null ? Files.readString(tokenFile, StandardCharsets.UTF_8).strip()
        : System.getenv(ProjectionsCommand.TOKEN_ENV);
    return new HttpNodeAdmin(url, token);
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
      JsonObject status = parent.admin().get("/api/admin/controller");
      java.io.PrintWriter out = spec.commandLine().getOut();
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
